/**
 * Test-controlled faults: for the next N calls of one action (or any), wait, answer with an error,
 * drop the connection (before or after the action ran), or send a body that is not JSON; or the
 * stalled networks a client must not wait on forever: never answer (`hang`), send the headers and
 * part of the body and then nothing more (`stallBody`), or promise a longer body than is sent and
 * close (`truncate`). Only reachable under /__emulator/.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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
  /** Read the request, then never answer (until the faults are cleared or the emulator closes). */
  hang?: boolean;
  /** 200 with its headers and the start of a JSON body, then silence. */
  stallBody?: boolean;
  /** 200 with a Content-Length longer than the body sent, then the connection closes. */
  truncate?: boolean;
}

/** What a test posts to /__emulator/faults: a fault for the next `count` calls (default 1). */
export type FaultSpec = Partial<Omit<Fault, 'id' | 'remaining'>> & { count?: number };

export class FaultList {
  private faults: Fault[] = [];
  private nextId = 1;
  /** Connections a hang or a stalled body holds open: let go of by clear() and closing the emulator. */
  private held = new Set<ServerResponse>();

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
      hang: spec.hang === true,
      stallBody: spec.stallBody === true,
      truncate: spec.truncate === true,
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
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  /**
   * Serves a fault that stalls or cuts the answer; returns false for the others (the server's own
   * handling: delay, drop, malformed, status). The partial body is the start of a real answer, so
   * a client that read it anyway could not mistake it for a refusal.
   */
  stall(fault: Fault, req: IncomingMessage, res: ServerResponse): boolean {
    const start = '{"AuthenticationResult": {"AccessToken": "ey';
    if (fault.hang || fault.stallBody) {
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      if (fault.stallBody) {
        res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
        res.write(start);
      }
      return true;
    }
    if (fault.truncate) {
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': String(start.length * 4) });
      // Once the part is out, end the connection, not the response: the promised length never arrives.
      res.write(start, () => req.socket.end());
      return true;
    }
    return false;
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
