/** The messages between the core and the SRP worker: one request, one reply, matched by id. */
import type { SrpService } from './service.ts';

export type SrpOperation = keyof SrpService;

export interface SrpRequest<Op extends SrpOperation = SrpOperation> {
  id: number;
  op: Op;
  args: Parameters<SrpService[Op]>;
}

export type SrpReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { name: string; message: string; reason?: string } };
