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
 * not exist is said so. A request that gets no answer is told apart: a CORS refusal (the endpoint answers a
 * no-cors request) is the page's to fix, anything else keeps the network message. This module
 * loads only when a request fails (see CognitoElement#run).
 */
// Types only: a value import from the core would make the bundler split the core's shared modules
// into a chunk of their own, which costs every page more than this module weighs.
import type { CognitoClient, CognitoError, NetworkError } from '../../core/index.ts';

/**
 * What to tell the page's author: the attribute to fix and how. `fault` is true when no user input
 * can help (the user reads that sign-in is not available); false for a hint beside the user's message.
 */
export interface Explanation {
  attribute: string;
  message: string;
  fault: boolean;
}

const CONSOLE = 'Amazon Cognito console > User pools';
/** The probes below are the kit's own requests: they must not keep the form busy for long. */
const PROBE_MS = 5000;

/** Pools already checked, per client: whether the pool exists (or undefined when that could not be known). */
const poolChecks = new WeakMap<CognitoClient, Promise<boolean | undefined>>();

function poolExists(auth: CognitoClient): Promise<boolean | undefined> {
  let check = poolChecks.get(auth);
  if (!check) {
    const url = new URL(`${auth.userPoolId}/.well-known/jwks.json`, auth.wire.endpoint);
    // A 4xx is Cognito saying there is no such pool; anything else (offline, CORS, 5xx) says nothing.
    check = fetch(url, { signal: AbortSignal.timeout(PROBE_MS) }).then(
      (res) => (res.ok ? true : res.status >= 400 && res.status < 500 ? false : undefined),
      () => undefined,
    );
    poolChecks.set(auth, check);
  }
  return check;
}

/**
 * fetch rejects with a TypeError, and no detail, for DNS, refused connections, offline and CORS
 * alike. A no-cors request tells them apart: a server that is there gives it an (opaque) answer.
 */
const answers = (endpoint: string) =>
  fetch(endpoint, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(PROBE_MS) }).then(
    () => true,
    () => false,
  );

/** The explanation for a failure that the page's set-up may cause; undefined when it is the user's to fix. */
export async function explainFailure(error: unknown, auth: CognitoClient): Promise<Explanation | undefined> {
  const { endpoint } = auth.wire;
  const failed = error as NetworkError | undefined;
  if (failed?.code === 'NetworkError' && failed.cause instanceof TypeError) {
    const origin = globalThis.location?.origin;
    if (await answers(endpoint)) {
      return {
        attribute: 'endpoint',
        fault: true,
        message: `${failed.message}. ${endpoint} answers, but not to pages on ${origin}: it refuses this origin (CORS). For the emulator, start it with --allow-origin ${origin}; for a proxy, allow the origin and the headers Content-Type and X-Amz-Target.`,
      };
    }
    return {
      attribute: 'endpoint',
      fault: false,
      message: `${failed.message}. If this browser is online, ${endpoint} is wrong (check endpoint, region and user-pool-id) or down.`,
    };
  }
  const fault = (attribute: string, advice: string): Explanation => ({ attribute, fault: true, message: `${(error as Error).message} ${advice}` });
  // A CognitoError has its HTTP status; the kit's own errors (NetworkError, ...) have none.
  if (typeof (error as CognitoError)?.status !== 'number') return undefined;
  const { code, message, reason } = error as CognitoError;
  if (reason === 'client-not-found') {
    return fault(
      'client-id',
      `Cognito in ${new URL(endpoint).host} has no app client ${auth.clientId}: copy the id from ${CONSOLE} > your pool > App clients, and check that the region in user-pool-id (or region) is the pool's.`,
    );
  }
  if (reason === 'user-pool-not-found') {
    return fault('user-pool-id', `Check user-pool-id against ${CONSOLE}.`);
  }
  if (reason === 'client-secret-missing') {
    return fault(
      'client-id',
      `This app client has a client secret, which a web page cannot keep: in ${CONSOLE} > your pool > App clients, create a public client (single-page application, no secret) and use its id.`,
    );
  }
  if (reason === 'flow-not-enabled') {
    const flow = /^\w+/.exec(message)?.[0];
    return fault(
      'client-id',
      `In ${CONSOLE} > your pool > App clients > this client > Edit, allow the flow under Authentication flows (ALLOW_${flow}), or choose a flow the client allows.`,
    );
  }
  if (code === 'InvalidUserPoolConfigurationException') return fault('user-pool-id', `Fix the user pool's configuration in ${CONSOLE}.`);
  if (reason === 'wrong-username-or-password' && (await poolExists(auth)) === false) {
    return fault(
      'user-pool-id',
      `More likely: there is no user pool ${auth.userPoolId} (its public keys are not found), while app client ${auth.clientId} exists elsewhere; the SRP proof includes the pool id, so Cognito can only refuse it. Check user-pool-id against ${CONSOLE}.`,
    );
  }
  return undefined;
}
