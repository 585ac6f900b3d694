/**
 * @summary The signed-in user's account settings: change password, two-step verification (MFA),
 * passkeys (with the `passkeys` attribute, for user pools that allow them), remembered devices, sign
 * out (here or everywhere) and deleting the account. Each section can be hidden with `hide-sections`.
 *
 * @example
 * ```html
 * <cognito-account
 *   user-pool-id="eu-west-1_AbC123"
 *   client-id="1example23456789"
 *   password-policy="min-length:12 lowercase uppercase numbers"
 *   hide-sections="devices delete"
 *   passkeys
 * ></cognito-account>
 * ```
 *
 * @slot header - Shown above the form (a logo, a title): a child with `slot="header"`. It stays the
 *   element's own child (light DOM), kept across every re-render and step.
 * @slot footer - Shown below the form (a legal line, a help link): a child with `slot="footer"`.
 * @event cognito-password-changed - The password was changed.
 * @event cognito-mfa-changed - MFA settings were saved: `detail.enabled`, `detail.preferred`.
 * @event cognito-totp-set-up - (From the inner <cognito-mfa>) an authenticator app was set up.
 * @event cognito-passkey-added - A passkey was registered: `detail.credentialId`.
 * @event cognito-passkey-removed - A passkey was deleted: `detail.credentialId`.
 * @event cognito-device-forgotten - A device was forgotten: `detail.deviceKey`.
 * @event cognito-signed-out - The user signed out here: `detail.reason` is 'user', 'global' or 'deleted'.
 * @event cognito-account-deleted - The account was deleted (a `cognito-signed-out` follows).
 * @event cognito-error - A failure, shown in the section it happened in as well.
 *
 * @cssproperty --cognito-danger - The delete button. See the README for every --cognito-* property.
 */
import { html, type PropertyValues } from 'lit';
import { CognitoElement } from '../shared/base.ts';
import { errorRegion, heading } from '../shared/form.ts';
import { registerMessages } from '../shared/localize.ts';
import { UserController } from '../shared/user-controller.ts';
import { accountMessages } from './messages.ts';
import { DeleteSection } from './sections/delete.ts';
import { DevicesSection } from './sections/devices.ts';
import { MfaSection } from './sections/mfa.ts';
import { PasskeysSection } from './sections/passkeys.ts';
import { PasswordSection } from './sections/password.ts';
import type { AccountHost, AccountSection } from './sections/section.ts';
import { SignOutSection } from './sections/sign-out.ts';

registerMessages(accountMessages);

export type { AccountSection };
const SECTIONS: AccountSection[] = ['password', 'mfa', 'passkeys', 'devices', 'sign-out', 'delete'];

export class CognitoAccount extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    hideSections: { attribute: 'hide-sections' },
    passwordPolicy: { attribute: 'password-policy' },
    passkeys: { type: Boolean },
  };

  /**
   * Space-separated sections not to show (attribute `hide-sections`): `password`, `mfa`, `passkeys`,
   * `devices`, `sign-out`, `delete`, e.g. "devices delete". By default every section is shown
   * (`passkeys` only with the `passkeys` attribute).
   */
  declare hideSections?: string;
  /**
   * Shows the passkeys section (list, add, remove). Only for a user pool that allows passkeys: a
   * browser cannot ask Cognito whether it does.
   */
  declare passkeys: boolean;
  /**
   * The pool's password policy for the change-password checklist (attribute `password-policy`):
   * space-separated `min-length:<n>`, `lowercase`, `uppercase`, `numbers`, `symbols`, or "none", e.g.
   * "min-length:8 lowercase uppercase numbers". Without it, Cognito's default is assumed.
   */
  declare passwordPolicy?: string;

  /** What the sections reach of this element. */
  readonly #host: AccountHost = {
    el: this,
    client: () => this.auth,
    t: (key, params) => this.t(key, params),
    idFor: (name) => this.idFor(name),
    user: () => this.#user.user!,
    patchUser: (change) => this.#user.patch(change),
    invalid: (form, more) => this.invalid(form, more),
    explain: (error, client) => this.explain(error, client),
    signedOut: (reason) => {
      this.#user.signedOut(reason);
      this.moveFocus();
    },
    formatDate: (date) => this.#formatDate(date),
  };

  readonly #user = new UserController(this, {
    client: () => this.auth,
    loaded: (_user, fresh) => {
      if (fresh) this.errorText = '';
      const client = this.auth;
      if (!client) return;
      const current = this.#user.ticket();
      if (this.#shows('devices')) void this.#sections.devices.load(client, current);
      if (this.#shows('passkeys')) void this.#sections.passkeys.load(client, current);
    },
    failed: (error) => (error === undefined ? (this.errorText = this.t('common.notConfigured')) : this.showError(error)),
    reset: () => Object.values(this.#sections).forEach((section) => section.reset()),
  });

  readonly #sections = {
    password: new PasswordSection(this.#host, () => this.passwordPolicy),
    mfa: new MfaSection(this.#host),
    passkeys: new PasskeysSection(this.#host),
    devices: new DevicesSection(this.#host),
    'sign-out': new SignOutSection(this.#host),
    delete: new DeleteSection(this.#host),
  } satisfies Record<AccountSection, { reset(): void; render(): unknown }>;

  constructor() {
    super();
    this.passkeys = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The devices or passkeys section was shown only now: list them.
    const client = this.auth;
    if ((changed.has('hideSections') || changed.has('passkeys')) && this.#user.user && client) {
      const { devices, passkeys } = this.#sections;
      if (devices.list === undefined && this.#shows('devices')) void devices.load(client, this.#user.ticket());
      if (passkeys.list === undefined && this.#shows('passkeys')) void passkeys.load(client, this.#user.ticket());
    }
  }

  #shows(section: AccountSection): boolean {
    if (section === 'passkeys' && !this.passkeys) return false;
    return !(this.hideSections ?? '').split(/\s+/).includes(section);
  }

  #formatDate(date: Date): string {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
    try {
      return new Intl.DateTimeFormat(this.localize.requested, options).format(date);
    } catch {
      return new Intl.DateTimeFormat(undefined, options).format(date);
    }
  }

  #retry(): void {
    this.errorText = '';
    this.#user.retry();
  }

  protected override render() {
    const title = heading(this.t('account.title'));
    const view = this.#user.view;
    switch (view.is) {
      case 'loading':
        return html`${title}<p class="cognito-text" role="status">${this.t('account.loading')}</p>`;
      case 'signed-out':
        return html`${title}
          <p class="cognito-text" role="status">
            ${this.t(view.reason === 'deleted' ? 'account.deleted' : view.reason === 'expired' ? 'error.signedOut' : 'account.signedOut')}
          </p>
          ${errorRegion(this.idFor('error'), this.errorText)}`;
      case 'failed':
        return html`${title}${errorRegion(this.idFor('error'), this.errorText)}
          <div class="cognito-actions">
            <button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#retry()}>${this.t('account.retry')}</button>
          </div>`;
      case 'ready':
        // The element's own error (a refresh that failed); each section shows its own.
        return html`${title}
          ${errorRegion(this.idFor('error'), this.errorText)}
          ${SECTIONS.filter((s) => this.#shows(s)).map((s) => this.#sections[s].render())}`;
    }
  }
}
