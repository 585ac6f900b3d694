import { useState } from 'react';
// Types the <cognito-*> tags in JSX: attributes, properties and `on<event-name>` listeners.
import type {} from 'cognito-elements/react';
// Registers <cognito-sign-in> alone.
import 'cognito-elements/elements/sign-in';
import { client } from './cognito';

interface SignedIn {
  username: string;
  srpMode: 'worker' | 'inline';
}

export function App() {
  const [signedIn, setSignedIn] = useState<SignedIn>();

  return (
    <main>
      <h1>cognito-elements, React</h1>
      {signedIn ? (
        <section className="signed-in">
          <p>
            Signed in as <strong id="username">{signedIn.username}</strong>.
          </p>
          <p>
            SRP ran{' '}
            <span id="srp-mode" data-mode={signedIn.srpMode}>
              {signedIn.srpMode === 'worker' ? 'in a Web Worker' : 'on the main thread'}
            </span>
            .
          </p>
          <button type="button" onClick={() => void client.signOut().then(() => setSignedIn(undefined))}>
            Sign out
          </button>
        </section>
      ) : (
        // React 19: `client` is a property of the element, so React sets the property (an object,
        // not a string attribute); `hide-sign-up` is not, so it becomes an attribute. A function prop
        // named `on` + the event's exact name is added as a DOM listener for that event.
        <cognito-sign-in
          client={client}
          hide-sign-up=""
          oncognito-signed-in={(event) => setSignedIn({ username: event.detail.session.username, srpMode: client.srpMode })}
        >
          {/* Shown above and below the form: children with slot="header" / slot="footer". */}
          <p slot="header">Sign in to the example</p>
          <p slot="footer">Try demo / Passw0rd! on the local emulator.</p>
        </cognito-sign-in>
      )}
    </main>
  );
}
