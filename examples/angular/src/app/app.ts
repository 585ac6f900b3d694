import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
// Registers <cognito-sign-in> alone (and types the tag in HTMLElementTagNameMap).
import 'cognito-elements/elements/sign-in';
// Types only, nothing loaded: the cognito-* DOM events in HTMLElementEventMap, which Angular's
// template checker uses to type $event in (cognito-signed-in).
import type {} from 'cognito-elements';
import { client } from './cognito';

@Component({
  selector: 'app-root',
  // Lets the template use <cognito-sign-in>, an element Angular does not compile.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>cognito-elements, Angular</h1>
      @if (signedIn(); as user) {
        <section class="signed-in">
          <p>Signed in as <strong id="username">{{ user.username }}</strong>.</p>
          <p>SRP ran <span id="srp-mode" [attr.data-mode]="user.srpMode">{{ user.srpMode === 'worker' ? 'in a Web Worker' : 'on the main thread' }}</span>.</p>
          <button type="button" (click)="signOut()">Sign out</button>
        </section>
      } @else {
        <!-- [client] sets the property; (cognito-signed-in) is a DOM listener, $event typed from HTMLElementEventMap. -->
        <cognito-sign-in [client]="client" hide-sign-up (cognito-signed-in)="onSignedIn($event)">
          <!-- Shown above and below the form: children with slot="header" / slot="footer". -->
          <p slot="header">Sign in to the example</p>
          <p slot="footer">Try demo / Passw0rd! on the local emulator.</p>
        </cognito-sign-in>
      }
    </main>
  `,
})
export class App {
  protected readonly client = client;
  protected readonly signedIn = signal<{ username: string; srpMode: 'worker' | 'inline' } | undefined>(undefined);

  protected onSignedIn(event: HTMLElementEventMap['cognito-signed-in']): void {
    this.signedIn.set({ username: event.detail.session.username, srpMode: client.srpMode });
  }

  protected async signOut(): Promise<void> {
    await client.signOut();
    this.signedIn.set(undefined);
  }
}
