import { CognitoClient } from 'cognito-elements/core';

// The seeded pool of the local emulator (`npm run emulator` in the cognito-elements repo). The
// endpoint comes from `?endpoint=`; without one it is the emulator's default.
const endpoint = new URLSearchParams(location.search).get('endpoint') ?? 'http://127.0.0.1:9229';

export const client = new CognitoClient({
  userPoolId: 'us-east-1_DemoPool1',
  clientId: 'democlient0000000000000001',
  endpoint,
  // Angular's builder bundles workers only from the app's own code, not from packages, so
  // angular.json copies cognito-elements' worker beside index.html ("assets") and it is named here
  // (relative to <base href>). The same in `ng build` and `ng serve`.
  srpWorker: 'srp.worker.js',
});

declare global {
  interface Window {
    /** For the examples test: where the SRP math ran ('worker' or 'inline'). */
    cognitoExample?: { client: CognitoClient };
  }
}
window.cognitoExample = { client };
