/** The account's "Delete account" section: asks once more, then deletes the user (and signs out). */
import { html, type TemplateResult } from 'lit';
import { emit } from '../../shared/events.ts';
import { type AccountHost, Section } from './section.ts';

/** `confirming`: the "Are you sure?" is shown; busy and failed show it too (with the spinner, or the error). */
export class DeleteSection extends Section<'delete', { is: 'confirming' }> {
  constructor(host: AccountHost) {
    super(host, 'delete');
  }

  #ask(): void {
    this.set({ is: 'confirming' });
    void this.#focusAfterRender('[data-delete-confirm]');
  }

  #cancel(): void {
    this.set({ is: 'idle' });
    void this.#focusAfterRender('[data-delete]');
  }

  async #delete(): Promise<void> {
    const done = await this.run('delete', async (client, signal) => {
      await client.deleteUser({ signal });
      return true;
    });
    if (!done) return;
    this.host.signedOut('deleted');
    emit(this.host.el, 'cognito-account-deleted', {});
    emit(this.host.el, 'cognito-signed-out', { reason: 'deleted' });
  }

  async #focusAfterRender(selector: string): Promise<void> {
    await this.host.el.updateComplete;
    this.host.el.querySelector<HTMLElement>(selector)?.focus();
  }

  render(): TemplateResult {
    const { t, idFor } = this.host;
    const confirmId = idFor('delete-confirm');
    return this.frame(
      t('account.delete.title'),
      html`<p class="cognito-text">${t('account.delete.text')}</p>
        ${
          this.state.is === 'idle'
            ? html`<div class="cognito-actions">
              <button class="cognito-button cognito-button--danger" type="button" data-delete @click=${() => this.#ask()}>${t('account.delete.button')}</button>
            </div>`
            : html`<p class="cognito-error" id=${confirmId}>${t('account.delete.confirm')}</p>
              <div class="cognito-actions">
                <button class="cognito-button cognito-button--danger" type="button" data-delete-confirm aria-describedby=${confirmId}
                  ?disabled=${this.busy} @click=${() => this.#delete()}>
                  ${this.spinning('delete', t('account.delete.yes'), t('account.delete.busy'))}
                </button>
                <button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#cancel()}>${t('common.cancel')}</button>
              </div>`
        }
        ${this.regions()}`,
    );
  }
}
