import { CognitoClient } from 'cognito-elements/core';

// The seeded pool of the local emulator (`npm run emulator` in the cognito-elements repo). The
// endpoint comes from `?endpoint=` or VITE_COGNITO_ENDPOINT; without one it is the emulator's default.
const endpoint = new URLSearchParams(location.search).get('endpoint') ?? import.meta.env.VITE_COGNITO_ENDPOINT ?? 'http://127.0.0.1:9229';

export const client = new CognitoClient({
  userPoolId: 'us-east-1_DemoPool1',
  clientId: 'democlient0000000000000001',
  endpoint,
});

declare global {
  interface Window {
    /** For the examples test: where the SRP math ran ('worker' or 'inline'). */
    cognitoExample?: { client: CognitoClient };
  }
}
window.cognitoExample = { client };
