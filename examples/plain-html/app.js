// The page's own code: listens to the kit's DOM events with addEventListener. Signing in needs none
// of it: the authenticator does that by itself, configured by its attributes.
import { sharedClient } from './cognito-elements.js';

const authenticator = document.querySelector('cognito-authenticator');

/** The client the authenticator uses: every element with the same attributes shares one. */
const client = () =>
  sharedClient({
    userPoolId: authenticator.getAttribute('user-pool-id'),
    clientId: authenticator.getAttribute('client-id'),
    endpoint: authenticator.getAttribute('endpoint') ?? undefined,
  });

authenticator.addEventListener('cognito-signed-in', (event) => {
  document.getElementById('username').textContent = event.detail.session.username;
  const srpMode = document.getElementById('srp-mode');
  srpMode.dataset.mode = client().srpMode;
  srpMode.textContent = client().srpMode === 'worker' ? 'in a Web Worker' : 'on the main thread';
});

authenticator.addEventListener('cognito-signed-out', () => {
  document.getElementById('username').textContent = '';
});

document.getElementById('sign-out').addEventListener('click', () => {
  client()
    .signOut()
    .catch((error) => console.error(error));
});
