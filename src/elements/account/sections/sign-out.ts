/** The account's "Sign out" section: here, or everywhere (every device's tokens are revoked). */
import { html, type TemplateResult } from 'lit';
import { emit } from '../../shared/events.ts';
import { type AccountHost, Section } from './section.ts';

export class SignOutSection extends Section<'here' | 'everywhere'> {
  constructor(host: AccountHost) {
    super(host, 'sign-out');
  }

  async #signOut(global: boolean): Promise<void> {
    const done = await this.run(global ? 'everywhere' : 'here', async (client, signal) => {
      await client.signOut({ global, signal });
      return true;
    });
    if (!done) return;
    const reason = global ? 'global' : 'user';
    this.host.signedOut(reason);
    emit(this.host.el, 'cognito-signed-out', { reason });
  }

  render(): TemplateResult {
    const { t } = this.host;
    return this.frame(
      t('account.signOut.title'),
      html`<div class="cognito-actions">
          <button class="cognito-button cognito-button--secondary" type="button" data-sign-out ?disabled=${this.busy} @click=${() => this.#signOut(false)}>
            ${t('account.signOut.here')}
          </button>
          <button class="cognito-button cognito-button--secondary" type="button" data-sign-out-everywhere ?disabled=${this.busy} @click=${() => this.#signOut(true)}>
            ${t('account.signOut.everywhere')}
          </button>
        </div>
        <p class="cognito-hint">${t('account.signOut.hint')}</p>
        ${this.regions()}`,
    );
  }
}
