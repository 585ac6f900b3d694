// Svelte's template types for the <cognito-*> tags this app uses (cognito-elements ships React
// and Vue template types, not Svelte's). Attributes are strings; `on<event-name>` are listeners.
import type { HTMLAttributes } from 'svelte/elements';
import type { CognitoAuthenticator } from 'cognito-elements';

type Listener<K extends keyof HTMLElementEventMap> = (event: HTMLElementEventMap[K]) => void;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'cognito-authenticator': HTMLAttributes<CognitoAuthenticator> & {
      'user-pool-id'?: string;
      'client-id'?: string;
      endpoint?: string;
      'hide-sign-up'?: boolean;
      'oncognito-signed-in'?: Listener<'cognito-signed-in'>;
      'oncognito-signed-out'?: Listener<'cognito-signed-out'>;
      'oncognito-error'?: Listener<'cognito-error'>;
    };
  }
}
