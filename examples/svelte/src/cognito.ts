import { sharedClient } from 'cognito-elements';
// Types the <cognito-*> tags in Svelte templates (attributes, properties, events) for svelte-check.
import type {} from 'cognito-elements/svelte';

// The seeded pool of the local emulator (`npm run emulator` in the cognito-elements repo). The
// endpoint comes from `?endpoint=` or VITE_COGNITO_ENDPOINT; without one it is the emulator's default.
export const config = {
  userPoolId: 'us-east-1_DemoPool1',
  clientId: 'democlient0000000000000001',
  endpoint: new URLSearchParams(location.search).get('endpoint') ?? import.meta.env.VITE_COGNITO_ENDPOINT ?? 'http://127.0.0.1:9229',
};

/** The client the elements share for these attributes (the page never makes its own). */
export const client = sharedClient(config);

declare global {
  interface Window {
    /** For the examples test: where the SRP math ran ('worker' or 'inline'). */
    cognitoExample?: { client: typeof client };
  }
}
window.cognitoExample = { client };
