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

/**
 * A handler takes the parsed JSON input, typed as its action's input interface, and returns the JSON
 * output (or throws a ServiceError). The server cannot know an input's type before the handler checks
 * it (validate.ts), so a table of handlers holds them as taking `never`, and the server passes the
 * parsed body `as never`.
 */
/** A handler answers with the action's output, or a promise of it. */
export type Handler<Input = never> = (input: Input, ctx: RequestContext) => unknown;
export type HandlerMap = Readonly<Record<string, Handler>>;
