/**
 * The one Trusted Types policy of the kit, for worker script URLs: its own module, so the engine
 * (loaded on demand, srp-engine.ts) and the script-tag loader's worker share it.
 */
interface TrustedTypesPolicy {
  createScriptURL(url: string): unknown;
}
let policy: TrustedTypesPolicy | null | undefined;

/**
 * A page that requires Trusted Types refuses a plain string as a worker URL. The URL here is the
 * app's own configuration (or the script-tag build's blob:), so the kit vouches for it through one
 * policy named 'cognito-elements' (list it in the CSP's `trusted-types` directive).
 */
export function scriptUrl(url: string): string {
  if (policy === undefined) {
    const tt = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): TrustedTypesPolicy } }).trustedTypes;
    try {
      policy = tt?.createPolicy('cognito-elements', { createScriptURL: (u) => u }) ?? null;
    } catch {
      // Refused by the CSP (or made already by another copy of the kit): the Worker call decides.
      policy = null;
    }
  }
  return (policy ? policy.createScriptURL(url) : url) as string;
}
