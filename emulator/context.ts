/**
 * What every action handler gets: the state, the (offset) clock, the emulator's own URL (the
 * token issuer's prefix) and a way to say "state changed, persist it".
 */
import type { EmulatorState } from './state.ts';

export interface Emulator {
  state: EmulatorState;
  /** The base URL the emulator listens on, without a trailing slash. */
  url: string;
  quiet: boolean;
  /** Milliseconds since the epoch, shifted by the test-controlled clock offset. */
  now(): number;
  /** Marks the state as changed, so it is written to `--data` if one was given. */
  changed(): void;
  log(message: string): void;
}

export interface RequestContext {
  emu: Emulator;
  requestId: string;
  sourceIp: string;
  /** The action name, without the service prefix. */
  action: string;
  /** The request's `Origin` header (sent by browsers), for the WebAuthn origin checks. */
  origin?: string;
}

/** Handlers take the parsed JSON input and return the JSON output (or throw a ServiceError). */
export type Handler = (input: Record<string, any>, ctx: RequestContext) => unknown | Promise<unknown>;
export type HandlerMap = Record<string, Handler>;
