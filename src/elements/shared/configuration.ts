/**
 * Misconfiguration is never silent. An element whose attributes cannot make a client shows a "not
 * configured" state instead of its form; and an answer from Cognito that means the app client or
 * pool is set up wrongly (not that the user typed something wrong) becomes a ConfigurationError:
 * the user reads that sign-in is not available, the page's author reads on the console which
 * attribute or console setting to fix. Real Cognito's words for these refusals, as developers
 * report them:
 * - "User pool client <id> does not exist." (ResourceNotFoundException: a wrong id or region;
 *   aws/aws-sdk-php#2183, aws-amplify/amplify-flutter#740),
 * - "Client <id> is configured with secret but SECRET_HASH was not received" (NotAuthorizedException;
 *   aws-amplify/amplify-android#2504),
 * - "USER_SRP_AUTH is not enabled for the client." and "USER_PASSWORD_AUTH flow not enabled for
 *   this client" (InvalidParameterException; aws-samples/aws-serverless-workshops#277).
 * A pool id that names no pool (with a valid client of another pool) is only "Incorrect username or
 * password.": SRP mixes the pool name into the proof. So that answer is checked once per client
 * against the pool's public key set (jwks.json, which any browser may fetch), and a pool that does
 * not exist is said so. This module loads only when a request fails (see CognitoElement#run).
 */
// Types only: a value import from the core would make the bundler split the core's shared modules
// into a chunk of their own, which costs every page more than this module weighs.
import type { CognitoClient, CognitoError, NetworkError } from '../../core/index.ts';

/** The attribute to fix and what to tell the page's author. */
export interface Fault {
  attribute: string;
  message: string;
}

const CONSOLE = 'Amazon Cognito console > User pools';

/** Pools already checked, per client: whether the pool exists (or undefined when that could not be known). */
const poolChecks = new WeakMap<CognitoClient, Promise<boolean | undefined>>();

function poolExists(auth: CognitoClient): Promise<boolean | undefined> {
  let check = poolChecks.get(auth);
  if (!check) {
    const url = new URL(`${auth.userPoolId}/.well-known/jwks.json`, auth.wire.endpoint);
    // A 4xx is Cognito saying there is no such pool; anything else (offline, CORS, 5xx) says nothing.
    check = fetch(url).then(
      (res) => (res.ok ? true : res.status >= 400 && res.status < 500 ? false : undefined),
      () => undefined,
    );
    poolChecks.set(auth, check);
  }
  return check;
}

/**
 * What to tell the page's author about a request that got no answer: fetch rejects with a TypeError,
 * and no detail, for DNS, refused connections, offline and CORS alike, so the user keeps the network
 * message and the console says what else it may be.
 */
export function unreachableHint(error: unknown, auth: CognitoClient): string | undefined {
  const failed = error as NetworkError | undefined;
  if (failed?.code !== 'NetworkError' || !(failed.cause instanceof TypeError)) return undefined;
  return `${failed.message}. If this browser is online, ${auth.wire.endpoint} is wrong (check endpoint, region and user-pool-id), down, or refuses requests from ${globalThis.location?.origin} (CORS): the browser's Network panel shows which.`;
}

/**
 * The attribute to fix when Cognito's refusal is the page's set-up rather than the user's input
 * (the caller makes it a ConfigurationError with the refusal as cause); undefined otherwise.
 */
export async function configurationFault(error: unknown, auth: CognitoClient): Promise<Fault | undefined> {
  const fault = (attribute: string, advice: string): Fault => ({ attribute, message: `${(error as Error).message} ${advice}` });
  // A CognitoError has its HTTP status; the kit's own errors (NetworkError, ...) have none.
  if (typeof (error as CognitoError)?.status !== 'number') return undefined;
  const { code, message } = error as CognitoError;
  if (code === 'ResourceNotFoundException' && /client/i.test(message)) {
    return fault('client-id', `Cognito in ${new URL(auth.wire.endpoint).host} has no app client ${auth.clientId}: copy the id from ${CONSOLE} > your pool > App clients, and check that the region in user-pool-id (or region) is the pool's.`);
  }
  if (code === 'ResourceNotFoundException' && /user pool/i.test(message)) {
    return fault('user-pool-id', `Check user-pool-id against ${CONSOLE}.`);
  }
  if (code === 'NotAuthorizedException' && /configured with secret/i.test(message)) {
    return fault('client-id', `This app client has a client secret, which a web page cannot keep: in ${CONSOLE} > your pool > App clients, create a public client (single-page application, no secret) and use its id.`);
  }
  if (code === 'InvalidParameterException' && /not enabled for (the|this) client/i.test(message)) {
    const flow = /^\w+/.exec(message)?.[0];
    return fault('client-id', `In ${CONSOLE} > your pool > App clients > this client > Edit, allow the flow under Authentication flows (ALLOW_${flow}), or choose a flow the client allows.`);
  }
  if (code === 'InvalidUserPoolConfigurationException') return fault('user-pool-id', `Fix the user pool's configuration in ${CONSOLE}.`);
  if (code === 'NotAuthorizedException' && /^Incorrect username or password/.test(message) && (await poolExists(auth)) === false) {
    return fault('user-pool-id', `More likely: there is no user pool ${auth.userPoolId} (its public keys are not found), while app client ${auth.clientId} exists elsewhere; the SRP proof includes the pool id, so Cognito can only refuse it. Check user-pool-id against ${CONSOLE}.`);
  }
  return undefined;
}
