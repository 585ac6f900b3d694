/**
 * A module the core loads when first needed (the account actions, passkeys, the sign-in machine
 * and its steps, the SRP engine): loaded once; a failed download is not kept, so the next call
 * tries again. With `what`, a failed download is a NetworkError saying what could not be loaded
 * (the elements then show the connection message).
 */
import { NetworkError } from './errors.ts';

export function onDemand<T>(load: () => Promise<T>, what?: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw what ? new NetworkError(`${what} could not be loaded.`, { cause: error }) : error;
    }));
}
