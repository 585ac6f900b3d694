/**
 * Test-controlled faults: for the next N calls of one action (or any), wait, answer with an error,
 * drop the connection (before or after the action ran), or send a body that is not JSON. Only reachable under /__emulator/.
 */
import * as E from './errors.ts';

export interface Fault {
  id: number;
  /** Action name without service prefix (e.g. "InitiateAuth"); omitted = every action. */
  action?: string;
  /** How many more calls this fault applies to. */
  remaining: number;
  delayMs?: number;
  status?: number;
  errorType?: string;
  message?: string;
  drop?: boolean;
  /** Run the action, then drop the connection: the answer is lost after the server acted (a refresh that rotated). */
  dropAfter?: boolean;
  malformed?: boolean;
}

/** What a test posts to /__emulator/faults: a fault for the next `count` calls (default 1). */
export type FaultSpec = Partial<Omit<Fault, 'id' | 'remaining'>> & { count?: number };

export class FaultList {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: Record<string, unknown>): Fault {
    const count = spec.count === undefined ? 1 : Number(spec.count);
    if (!Number.isInteger(count) || count < 1) throw E.InvalidParameter('count must be a positive integer');
    const fault: Fault = {
      id: this.nextId++,
      action: typeof spec.action === 'string' ? spec.action : undefined,
      remaining: count,
      delayMs: typeof spec.delayMs === 'number' ? spec.delayMs : undefined,
      status: typeof spec.status === 'number' ? spec.status : undefined,
      errorType: typeof spec.errorType === 'string' ? spec.errorType : undefined,
      message: typeof spec.message === 'string' ? spec.message : undefined,
      drop: spec.drop === true,
      dropAfter: spec.dropAfter === true,
      malformed: spec.malformed === true,
    };
    if (fault.errorType && fault.status === undefined) fault.status = 400;
    if (fault.status !== undefined && !fault.errorType) fault.errorType = fault.status >= 500 ? 'InternalErrorException' : 'InvalidParameterException';
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault for this call, if any, counting it as used. */
  take(action: string): Fault | undefined {
    const fault = this.faults.find((f) => f.action === undefined || f.action === action);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
