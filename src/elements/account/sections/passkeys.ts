/**
 * The account's "Passkeys" section (with the `passkeys` attribute): the user's passkeys, adding one
 * (the browser asks the user meanwhile) and removing one. A pool without passkeys has no this.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CognitoClient, PasskeyInfo } from '../../../core/index.ts';
import { emit } from '../../shared/events.ts';
import { type AccountHost, Section } from './section.ts';

export class PasskeysSection extends Section<'add' | 'remove'> {
  /** Undefined until listed (or when listing failed), null when the user pool has none. */
  list?: PasskeyInfo[] | null;

  constructor(host: AccountHost) {
    super(host, 'passkeys');
  }

  override reset(): void {
    super.reset();
    this.list = undefined;
  }

  /** Lists the passkeys; `current` says whether this listing is still the one to show. */
  async load(client: CognitoClient, current: () => boolean): Promise<void> {
    try {
      const passkeys = await client.listPasskeys();
      if (current()) this.#show(passkeys);
    } catch (error) {
      if (!current()) return;
      // A user pool without passkeys: no section, and nothing to report.
      if ((error as { code?: string })?.code === 'WebAuthnNotEnabledException') return this.#show(null);
      this.#show(undefined);
      this.fail(error);
    }
  }

  #show(list: PasskeyInfo[] | null | undefined): void {
    this.list = list;
    this.host.el.requestUpdate();
  }

  async #add(): Promise<void> {
    const { t } = this.host;
    const added = await this.run(
      'add',
      async (client, signal) => {
        const passkey = await client.registerPasskey({ signal });
        this.#show(await client.listPasskeys({ signal }));
        return passkey;
      },
      () => t('account.passkeys.done'),
    );
    if (added) emit(this.host.el, 'cognito-passkey-added', { credentialId: added.credentialId });
  }

  async #remove(passkey: PasskeyInfo): Promise<void> {
    const { t } = this.host;
    const done = await this.run(
      'remove',
      async (client, signal) => {
        await client.deletePasskey(passkey.credentialId, { signal });
        this.#show(await client.listPasskeys({ signal }));
        return true;
      },
      () => t('account.passkeys.removed'),
    );
    if (done) emit(this.host.el, 'cognito-passkey-removed', { credentialId: passkey.credentialId });
  }

  render(): TemplateResult | typeof nothing {
    const { t, formatDate } = this.host;
    const passkeys = this.list;
    if (passkeys === null) return nothing;
    return this.frame(
      t('account.passkeys.title'),
      html`<p class="cognito-text">${t('account.passkeys.text')}</p>
        ${
          passkeys === undefined
            ? nothing
            : passkeys.length === 0
              ? html`<p class="cognito-hint">${t('account.passkeys.none')}</p>`
              : html`<ul class="cognito-list">
                ${passkeys.map((passkey) => {
                  const name = passkey.name || t('account.passkeys.unnamed');
                  return html`<li class="cognito-list-item" data-passkey=${passkey.credentialId}>
                    <div class="cognito-device">
                      <span class="cognito-device-name">${name}</span>
                      <span class="cognito-hint">${t('account.passkeys.added', { date: formatDate(passkey.createdAt) })}</span>
                    </div>
                    <button class="cognito-button cognito-button--secondary" type="button" ?disabled=${this.busy} @click=${() => this.#remove(passkey)}>
                      <span aria-hidden="true">${t('account.passkeys.remove')}</span><span class="cognito-visually-hidden">${t('account.passkeys.removeNamed', { name })}</span>
                    </button>
                  </li>`;
                })}
              </ul>`
        }
        <div class="cognito-actions">
          <button class="cognito-button cognito-button--secondary" type="button" data-add-passkey ?disabled=${this.busy} @click=${() => this.#add()}>
            ${this.spinning('add', t('account.passkeys.add'), t('account.passkeys.busy'))}
          </button>
        </div>
        ${this.regions()}`,
    );
  }
}
