// Types for bin/doctor.mjs (plain ESM, so it runs with no build).
export type CheckStatus = 'ok' | 'fail' | 'warn' | 'info' | 'unknown';
export interface Check {
  title: string;
  status: CheckStatus;
  detail: string;
  /** The console setting to change (shown when the status is not ok). */
  fix?: string;
}
export interface DoctorOptions {
  userPoolId: string;
  clientId: string;
  region?: string;
  endpoint?: string;
  origin?: string;
  domain?: string;
  redirectUri?: string;
  timeoutMs?: number;
}
export interface DoctorReport {
  target: { userPoolId?: string; clientId?: string; region?: string; endpoint?: string };
  checks: Check[];
  /** What the probes cannot tell. */
  unknowable: string[];
}
export function diagnose(options: DoctorOptions): Promise<DoctorReport>;
export function formatReport(report: DoctorReport): string;
export const DOCTOR_USAGE: string;
