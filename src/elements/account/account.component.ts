/**
 * @summary The signed-in user's account settings: change password, two-step verification (MFA),
 * passkeys (with the `passkeys` attribute, for user pools that allow them), remembered devices, sign
 * out (here or everywhere) and deleting the account. Each section can be hidden with `hide-sections`.
 *
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
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { CognitoClient, DeviceInfo, MfaPreference, MfaType, PasskeyInfo, Session, SignOutReason, UserAttributes } from '../../core/index.ts';
import { CognitoElement } from '../shared/base.ts';
import { emit } from '../shared/events.ts';
import { errorRegion, field, heading, hiddenUsername, showPasswordToggle, statusRegion } from '../shared/form.ts';
import { registerMessages } from '../shared/localize.ts';
import { accountMessages } from './messages.ts';
import { describeError } from '../shared/messages.ts';
import { checkPolicy, parsePolicy, policyChecklist, type PolicyRule } from '../shared/password-policy.ts';

registerMessages(accountMessages);

export type AccountSection = 'password' | 'mfa' | 'passkeys' | 'devices' | 'sign-out' | 'delete';
const SECTIONS: AccountSection[] = ['password', 'mfa', 'passkeys', 'devices', 'sign-out', 'delete'];
const MFA_TYPES: MfaType[] = ['TOTP', 'SMS', 'EMAIL'];
/** A Cognito username that is a UUID means the pool signs users in by email or phone number. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class CognitoAccount extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    hideSections: { attribute: 'hide-sections' },
    passwordPolicy: { attribute: 'password-policy' },
    phase: { state: true },
    username: { state: true },
    userAttributes: { state: true },
    mfa: { state: true },
    devices: { state: true },
    passkeys: { type: Boolean },
    passkeyList: { state: true },
    section: { state: true },
    policyRules: { state: true },
    confirmingDelete: { state: true },
  };

  /** Space-separated sections not to show: password, mfa, passkeys, devices, sign-out, delete (attribute `hide-sections`). */
  declare hideSections?: string;
  /**
   * Shows the passkeys section (list, add, remove). Only for a user pool that allows passkeys: a
   * browser cannot ask Cognito whether it does.
   */
  declare passkeys: boolean;
  /** The pool's password policy for the checklist, e.g. "min-length:8 lowercase uppercase numbers" (attribute `password-policy`). */
  declare passwordPolicy?: string;
  private declare phase: 'loading' | 'signed-out' | 'failed' | 'ready';
  private declare username: string;
  private declare userAttributes: UserAttributes;
  private declare mfa: MfaPreference;
  /** Devices, undefined until listed (or when listing failed). */
  private declare devices?: DeviceInfo[];
  /** Passkeys: undefined until listed (or when listing failed), null when the user pool has none. */
  private declare passkeyList?: PasskeyInfo[] | null;
  /** The section the last action ran in: where its error, status and spinner show. */
  private declare section?: AccountSection;
  private declare policyRules?: PolicyRule[];
  private declare confirmingDelete: boolean;
  #loads = 0;
  #signedOutReason?: SignOutReason;
  /** The passkeys section's busy action is adding one (the browser asks the user meanwhile). */
  #addingPasskey = false;

  constructor() {
    super();
    this.phase = 'loading';
    this.username = '';
    this.userAttributes = {};
    this.mfa = { enabled: [] };
    this.passkeys = false;
    this.confirmingDelete = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Without a client to follow, loading shows that the element is not configured.
    if (!this.listening) void this.#load();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The devices or passkeys section was shown only now: list them.
    if ((changed.has('hideSections') || changed.has('passkeys')) && this.phase === 'ready' && this.auth) {
      if (this.devices === undefined && this.#shows('devices')) void this.#loadDevices(this.auth);
      if (this.passkeyList === undefined && this.#shows('passkeys')) void this.#loadPasskeys(this.auth);
    }
  }

  /** Follows the client's sign-in and sign-out, and loads from each new client. */
  protected override clientChanged(): void {
    void this.#load();
  }

  protected override onClientSignedIn(event: CustomEvent<{ session: Session }>): void {
    // The same user again (another tab signed in, say): refresh in place, keeping what is typed.
    if (this.phase !== 'ready' || event.detail.session.username !== this.username) {
      this.phase = 'loading';
      this.confirmingDelete = false;
      this.policyRules = undefined;
    }
    void this.#load();
  }

  // The client announces another tab's sign-out only when its own store lost the session too.
  protected override onClientSignedOut(event: CustomEvent<{ reason: SignOutReason }>): void {
    this.#loads++;
    this.#signedOutReason = event.detail.reason;
    this.username = '';
    this.userAttributes = {};
    this.mfa = { enabled: [] };
    this.devices = undefined;
    this.passkeyList = undefined;
    this.confirmingDelete = false;
    this.policyRules = undefined;
    this.phase = 'signed-out';
  }

  #shows(section: AccountSection): boolean {
    if (section === 'passkeys' && !this.passkeys) return false;
    return !(this.hideSections ?? '').split(/\s+/).includes(section);
  }

  /** Reads the user (name, attributes, MFA) and their devices; shows "signed out" without a session. */
  async #load(): Promise<void> {
    const auth = this.auth;
    if (!auth) {
      this.phase = 'failed';
      this.errorText = this.t('common.notConfigured');
      return;
    }
    const load = ++this.#loads;
    try {
      const user = await auth.getUser();
      if (load !== this.#loads) return;
      this.username = user.username;
      this.userAttributes = user.attributes;
      this.mfa = user.mfa;
      if (this.phase !== 'ready') {
        this.section = undefined;
        this.errorText = '';
        this.phase = 'ready';
      }
    } catch (error) {
      if (load !== this.#loads) return;
      if ((error as Error)?.name === 'SignedOutError') {
        this.phase = 'signed-out';
        return;
      }
      // A refresh of what is shown failed: keep showing it (and what was typed), with the error.
      this.section = undefined;
      this.showError(error);
      if (this.phase !== 'ready') this.phase = 'failed';
      return;
    }
    await Promise.all([this.#shows('devices') && this.#loadDevices(auth, load), this.#shows('passkeys') && this.#loadPasskeys(auth, load)]);
  }

  async #loadPasskeys(auth: CognitoClient, load = this.#loads): Promise<void> {
    try {
      const passkeys = await auth.listPasskeys();
      if (load === this.#loads) this.passkeyList = passkeys;
    } catch (error) {
      if (load !== this.#loads) return;
      // A user pool without passkeys: no section, and nothing to report.
      if ((error as { code?: string })?.code === 'WebAuthnNotEnabledException') {
        this.passkeyList = null;
        return;
      }
      this.passkeyList = undefined;
      this.section = 'passkeys';
      this.showError(error);
    }
  }

  async #loadDevices(auth: CognitoClient, load = this.#loads): Promise<void> {
    try {
      const devices = await auth.listDevices();
      if (load === this.#loads) this.devices = devices;
    } catch (error) {
      if (load !== this.#loads) return;
      this.devices = undefined;
      this.section = 'devices';
      this.showError(error);
    }
  }

  /** Runs an action of one section: its error, status and spinner show in that section. */
  #act<T>(section: AccountSection, task: (auth: CognitoClient) => Promise<T>): Promise<T | undefined> {
    if (this.busy) return Promise.resolve(undefined);
    this.section = section;
    return this.run(task);
  }

  protected override showError(error: unknown): void {
    // In a change-password form, "Incorrect username or password" would point at the wrong field.
    if (this.section === 'password' && describeError(error).key === 'error.NotAuthorizedException') {
      this.errorText = this.t('account.password.wrong');
      emit(this, 'cognito-error', { error, code: 'NotAuthorizedException', message: this.errorText });
      return;
    }
    super.showError(error);
  }

  // -------------------------------------------------------------------------------------------
  // Password

  #passwordInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.name === 'newPassword') this.policyRules = checkPolicy(parsePolicy(this.passwordPolicy), input.value);
  }

  async #changePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const oldPassword = this.value(form, 'currentPassword');
    const newPassword = this.value(form, 'newPassword');
    if (newPassword !== this.value(form, 'confirmPassword')) {
      this.section = 'password';
      this.statusText = '';
      this.errorText = this.t('policy.mismatch');
      return;
    }
    const done = await this.#act('password', async (auth) => {
      await auth.changePassword({ oldPassword, newPassword });
      return true;
    });
    if (!done) return;
    form.reset();
    this.policyRules = undefined;
    this.statusText = this.t('account.password.done');
    emit(this, 'cognito-password-changed', {});
  }

  /** The name a password manager should save the new password under. */
  get #accountName(): string {
    if (!UUID.test(this.username)) return this.username;
    return this.userAttributes.email || this.userAttributes.phone_number || this.username;
  }

  // -------------------------------------------------------------------------------------------
  // MFA

  async #saveMfa(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const checked = (name: string) => {
      const control = form.elements.namedItem(name);
      return control instanceof HTMLInputElement ? control.checked : undefined;
    };
    const preferredControl = form.elements.namedItem('preferred');
    const preferred = (preferredControl instanceof RadioNodeList ? preferredControl.value : '') as MfaType | '';
    const input = { totp: checked('totp'), sms: checked('sms'), email: checked('email'), preferred: preferred || undefined };
    const on = { TOTP: input.totp ?? this.mfa.enabled.includes('TOTP'), SMS: !!input.sms, EMAIL: !!input.email };
    if (preferred && !on[preferred]) {
      this.section = 'mfa';
      this.statusText = '';
      this.errorText = this.t('account.mfa.preferredOff');
      return;
    }
    const mfa = await this.#act('mfa', async (auth) => {
      await auth.setMfaPreference(input);
      return auth.getMfaPreference();
    });
    if (!mfa) return;
    this.mfa = mfa;
    this.statusText = this.t('account.mfa.saved');
    emit(this, 'cognito-mfa-changed', { enabled: mfa.enabled, preferred: mfa.preferred });
    // Show what was saved (the checkboxes keep what the user clicked until the form is reset).
    await this.updateComplete;
    form.reset();
  }

  /** The inner <cognito-mfa> set up an authenticator app: show the new state. */
  async #totpChanged(): Promise<void> {
    const auth = this.auth;
    if (!auth) return;
    try {
      this.mfa = await auth.getMfaPreference();
      this.section = 'mfa';
      this.errorText = '';
      if (this.mfa.enabled.includes('TOTP')) this.statusText = this.t('account.mfa.totpDone');
    } catch (error) {
      this.section = 'mfa';
      this.showError(error);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Passkeys

  async #addPasskey(): Promise<void> {
    this.#addingPasskey = true;
    const added = await this.#act('passkeys', async (auth) => {
      const passkey = await auth.registerPasskey();
      this.passkeyList = await auth.listPasskeys();
      return passkey;
    }).finally(() => (this.#addingPasskey = false));
    if (!added) return;
    this.statusText = this.t('account.passkeys.done');
    emit(this, 'cognito-passkey-added', { credentialId: added.credentialId });
  }

  async #removePasskey(passkey: PasskeyInfo): Promise<void> {
    const done = await this.#act('passkeys', async (auth) => {
      await auth.deletePasskey(passkey.credentialId);
      this.passkeyList = await auth.listPasskeys();
      return true;
    });
    if (!done) return;
    this.statusText = this.t('account.passkeys.removed');
    emit(this, 'cognito-passkey-removed', { credentialId: passkey.credentialId });
  }

  // -------------------------------------------------------------------------------------------
  // Devices

  async #forget(device: DeviceInfo): Promise<void> {
    const done = await this.#act('devices', async (auth) => {
      await auth.forgetDevice(device.deviceKey);
      this.devices = await auth.listDevices();
      return true;
    });
    if (!done) return;
    this.statusText = this.t('account.devices.forgotten');
    emit(this, 'cognito-device-forgotten', { deviceKey: device.deviceKey });
  }

  async #remember(): Promise<void> {
    const done = await this.#act('devices', async (auth) => {
      await auth.rememberDevice();
      this.devices = await auth.listDevices();
      return true;
    });
    if (done) this.statusText = this.t('account.devices.rememberDone');
  }

  #formatDate(date: Date): string {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
    try {
      return new Intl.DateTimeFormat(this.localize.requested, options).format(date);
    } catch {
      return new Intl.DateTimeFormat(undefined, options).format(date);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Sign out and delete

  async #signOut(global: boolean): Promise<void> {
    const done = await this.#act('sign-out', async (auth) => {
      await auth.signOut({ global });
      return true;
    });
    if (!done) return;
    this.#markSignedOut(global ? 'global' : 'user');
    emit(this, 'cognito-signed-out', { reason: global ? 'global' : 'user' });
  }

  #askDelete(): void {
    this.section = 'delete';
    this.errorText = '';
    this.statusText = '';
    this.confirmingDelete = true;
    void this.#focusAfterRender('[data-delete-confirm]');
  }

  #cancelDelete(): void {
    this.confirmingDelete = false;
    void this.#focusAfterRender('[data-delete]');
  }

  async #deleteAccount(): Promise<void> {
    const done = await this.#act('delete', async (auth) => {
      await auth.deleteUser();
      return true;
    });
    if (!done) return;
    this.#markSignedOut('deleted');
    emit(this, 'cognito-account-deleted', {});
    emit(this, 'cognito-signed-out', { reason: 'deleted' });
  }

  /** The client says so too (signed-out event), but the view must not depend on listener order. */
  #markSignedOut(reason: SignOutReason): void {
    this.#loads++;
    this.#signedOutReason = reason;
    this.phase = 'signed-out';
    this.confirmingDelete = false;
    this.moveFocus();
  }

  async #focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  /** The error and status live regions of a section (empty unless the last action ran there). */
  #regions(section: AccountSection): TemplateResult {
    const here = this.section === section;
    return html`${errorRegion(this.idFor(`${section}-error`), here ? this.errorText : '')}
    ${statusRegion(this.idFor(`${section}-status`), here ? this.statusText : '')}`;
  }

  #spinning(section: AccountSection): boolean {
    return this.busy && this.section === section;
  }

  protected override render() {
    const title = heading(this.t('account.title'));
    switch (this.phase) {
      case 'loading':
        return html`${title}<p class="cognito-text" role="status">${this.t('account.loading')}</p>`;
      case 'signed-out':
        return html`${title}
          <p class="cognito-text" role="status">
            ${this.t(this.#signedOutReason === 'deleted' ? 'account.deleted' : this.#signedOutReason === 'expired' ? 'error.signedOut' : 'account.signedOut')}
          </p>
          ${errorRegion(this.idFor('error'), this.errorText)}`;
      case 'failed':
        return html`${title}${errorRegion(this.idFor('error'), this.errorText)}
          <div class="cognito-actions">
            <button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#retry()}>${this.t('account.retry')}</button>
          </div>`;
      default:
        return html`${title}
        ${errorRegion(this.idFor('error'), this.section === undefined ? this.errorText : '')}
        ${SECTIONS.filter((s) => this.#shows(s)).map((s) => {
          switch (s) {
            case 'password':
              return this.#renderPassword();
            case 'mfa':
              return this.#renderMfa();
            case 'passkeys':
              return this.#renderPasskeys();
            case 'devices':
              return this.#renderDevices();
            case 'sign-out':
              return this.#renderSignOut();
            default:
              return this.#renderDelete();
          }
        })}`;
    }
  }

  #retry(): void {
    this.errorText = '';
    this.phase = 'loading';
    void this.#load();
  }

  #renderSection(id: AccountSection, title: string, body: TemplateResult): TemplateResult {
    const headingId = this.idFor(`${id}-title`);
    return html`<section class="cognito-section" data-section=${id} aria-labelledby=${headingId}>
      <h3 class="cognito-subheading" id=${headingId}>${title}</h3>
      ${body}
    </section>`;
  }

  #renderPassword(): TemplateResult {
    const policyId = this.idFor('policy');
    const rules = this.policyRules ?? checkPolicy(parsePolicy(this.passwordPolicy), '');
    return this.#renderSection(
      'password',
      this.t('account.password.title'),
      html`<form class="cognito-form" aria-busy=${this.#spinning('password')} @submit=${this.#changePassword} @input=${this.#passwordInput} novalidate>
        ${hiddenUsername(this.#accountName)}
        ${field({ id: this.idFor('current-password'), name: 'currentPassword', label: this.t('account.password.current'), type: 'password', autocomplete: 'current-password' })}
        ${field({ id: this.idFor('new-password'), name: 'newPassword', label: this.t('common.newPassword'), type: 'password', autocomplete: 'new-password', describedBy: policyId })}
        ${policyChecklist(policyId, rules, (key, params) => this.t(key, params))}
        ${field({ id: this.idFor('confirm-password'), name: 'confirmPassword', label: this.t('common.confirmPassword'), type: 'password', autocomplete: 'new-password' })}
        ${showPasswordToggle(this.t('common.showPassword'))}
        ${this.#regions('password')}
        ${this.submit(this.t('account.password.submit'), this.#spinning('password'), this.t('account.password.busy'))}
      </form>`,
    );
  }

  #renderMfa(): TemplateResult {
    const { enabled, preferred } = this.mfa;
    const name = (type: MfaType) => this.t(`account.mfa.${type}`);
    const totpOn = enabled.includes('TOTP');
    const offered = MFA_TYPES.filter((type) => type !== 'TOTP' || totpOn);
    const needs = (type: MfaType) =>
      enabled.includes(type) ? undefined : type === 'SMS' && !this.userAttributes.phone_number ? 'account.mfa.needsPhone' : type === 'EMAIL' && !this.userAttributes.email ? 'account.mfa.needsEmail' : undefined;
    return this.#renderSection(
      'mfa',
      this.t('account.mfa.title'),
      html`<p class="cognito-text" data-mfa-summary>
          ${enabled.length ? this.t('account.mfa.on', { methods: enabled.map(name).join(', ') }) : this.t('account.mfa.off')}
          ${preferred ? this.t('account.mfa.preferredIs', { method: name(preferred) }) : nothing}
        </p>
        <form class="cognito-form" aria-busy=${this.#spinning('mfa')} @submit=${this.#saveMfa} novalidate>
          <fieldset class="cognito-choices">
            <legend class="cognito-label">${this.t('account.mfa.methods')}</legend>
            ${offered.map((type) => {
              const key = type.toLowerCase();
              const id = this.idFor(`mfa-${key}`);
              const hint = needs(type);
              return html`<div class="cognito-choice">
                <input type="checkbox" id=${id} name=${key} ?checked=${enabled.includes(type)} ?disabled=${!!hint}
                  aria-describedby=${hint ? `${id}-hint` : nothing} />
                <label for=${id}>${name(type)}</label>
                ${hint ? html`<span class="cognito-hint" id=${`${id}-hint`}>${this.t(hint)}</span>` : nothing}
              </div>`;
            })}
          </fieldset>
          <fieldset class="cognito-choices">
            <legend class="cognito-label">${this.t('account.mfa.preferred')}</legend>
            ${[...offered, '' as const].map((type) => {
              const id = this.idFor(`preferred-${type || 'none'}`);
              return html`<div class="cognito-choice">
                <input type="radio" id=${id} name="preferred" value=${type} ?checked=${(preferred ?? '') === type} />
                <label for=${id}>${type ? name(type) : this.t('account.mfa.noPreference')}</label>
              </div>`;
            })}
          </fieldset>
          ${this.#regions('mfa')}
          ${this.submit(this.t('account.mfa.save'), this.#spinning('mfa'), this.t('account.mfa.busy'))}
        </form>
        ${totpOn
          ? nothing
          : html`<cognito-mfa mode="setup" .client=${this.auth} @cognito-totp-set-up=${this.#totpChanged} @cognito-mfa-changed=${this.#totpChanged}></cognito-mfa>`}`,
    );
  }

  #renderDevices(): TemplateResult {
    const devices = this.devices;
    const canRemember = devices?.some((d) => d.current && !d.remembered) ?? false;
    return this.#renderSection(
      'devices',
      this.t('account.devices.title'),
      html`${devices === undefined
          ? nothing
          : devices.length === 0
            ? html`<p class="cognito-text">${this.t('account.devices.none')}</p>`
            : html`<ul class="cognito-list">
                ${devices.map((device) => {
                  const name = device.name || this.t('account.devices.unnamed');
                  const status = this.t(device.remembered ? 'account.devices.remembered' : 'account.devices.notRemembered');
                  const lastUsed = device.lastAuthenticatedAt && this.t('account.devices.lastUsed', { date: this.#formatDate(device.lastAuthenticatedAt) });
                  // Devices are named after browser and OS only (core/device-name.ts), so several share a
                  // name: the Forget button says which one too, as the row does, for whoever hears only it.
                  const detail = device.current ? this.t('account.devices.current') : lastUsed || status;
                  return html`<li class="cognito-list-item" data-device=${device.deviceKey} ?data-current=${device.current}>
                    <div class="cognito-device">
                      <span class="cognito-device-name">${name}</span>
                      ${device.current ? html`<strong class="cognito-badge">${this.t('account.devices.current')}</strong>` : nothing}
                      <span class="cognito-hint">${status}${lastUsed ? html` · ${lastUsed}` : nothing}</span>
                    </div>
                    <button class="cognito-button cognito-button--secondary" type="button" ?disabled=${this.busy} @click=${() => this.#forget(device)}>
                      <span aria-hidden="true">${this.t('account.devices.forget')}</span><span class="cognito-visually-hidden">${this.t('account.devices.forgetNamed', { name, detail })}</span>
                    </button>
                  </li>`;
                })}
              </ul>`}
        ${canRemember
          ? html`<p class="cognito-hint">${this.t('account.devices.rememberHint')}</p>
              <div class="cognito-actions">
                <button class="cognito-button cognito-button--secondary" type="button" data-remember ?disabled=${this.busy} @click=${() => this.#remember()}>
                  ${this.t('account.devices.remember')}
                </button>
              </div>`
          : nothing}
        ${this.#regions('devices')}`,
    );
  }

  #renderPasskeys(): TemplateResult | typeof nothing {
    const passkeys = this.passkeyList;
    if (passkeys === null) return nothing;
    return this.#renderSection(
      'passkeys',
      this.t('account.passkeys.title'),
      html`<p class="cognito-text">${this.t('account.passkeys.text')}</p>
        ${passkeys === undefined
          ? nothing
          : passkeys.length === 0
            ? html`<p class="cognito-hint">${this.t('account.passkeys.none')}</p>`
            : html`<ul class="cognito-list">
                ${passkeys.map((passkey) => {
                  const name = passkey.name || this.t('account.passkeys.unnamed');
                  return html`<li class="cognito-list-item" data-passkey=${passkey.credentialId}>
                    <div class="cognito-device">
                      <span class="cognito-device-name">${name}</span>
                      <span class="cognito-hint">${this.t('account.passkeys.added', { date: this.#formatDate(passkey.createdAt) })}</span>
                    </div>
                    <button class="cognito-button cognito-button--secondary" type="button" ?disabled=${this.busy} @click=${() => this.#removePasskey(passkey)}>
                      <span aria-hidden="true">${this.t('account.passkeys.remove')}</span><span class="cognito-visually-hidden">${this.t('account.passkeys.removeNamed', { name })}</span>
                    </button>
                  </li>`;
                })}
              </ul>`}
        <div class="cognito-actions">
          <button class="cognito-button cognito-button--secondary" type="button" data-add-passkey ?disabled=${this.busy} @click=${() => this.#addPasskey()}>
            ${this.#spinning('passkeys') && this.#addingPasskey
              ? html`<span class="cognito-spinner" aria-hidden="true"></span><span>${this.t('account.passkeys.busy')}</span>`
              : this.t('account.passkeys.add')}
          </button>
        </div>
        ${this.#regions('passkeys')}`,
    );
  }

  #renderSignOut(): TemplateResult {
    return this.#renderSection(
      'sign-out',
      this.t('account.signOut.title'),
      html`<div class="cognito-actions">
          <button class="cognito-button cognito-button--secondary" type="button" data-sign-out ?disabled=${this.busy} @click=${() => this.#signOut(false)}>
            ${this.t('account.signOut.here')}
          </button>
          <button class="cognito-button cognito-button--secondary" type="button" data-sign-out-everywhere ?disabled=${this.busy} @click=${() => this.#signOut(true)}>
            ${this.t('account.signOut.everywhere')}
          </button>
        </div>
        <p class="cognito-hint">${this.t('account.signOut.hint')}</p>
        ${this.#regions('sign-out')}`,
    );
  }

  #renderDelete(): TemplateResult {
    const confirmId = this.idFor('delete-confirm');
    return this.#renderSection(
      'delete',
      this.t('account.delete.title'),
      html`<p class="cognito-text">${this.t('account.delete.text')}</p>
        ${this.confirmingDelete
          ? html`<p class="cognito-error" id=${confirmId}>${this.t('account.delete.confirm')}</p>
              <div class="cognito-actions">
                <button class="cognito-button cognito-button--danger" type="button" data-delete-confirm aria-describedby=${confirmId}
                  ?disabled=${this.busy} @click=${() => this.#deleteAccount()}>
                  ${this.#spinning('delete')
                    ? html`<span class="cognito-spinner" aria-hidden="true"></span><span>${this.t('account.delete.busy')}</span>`
                    : this.t('account.delete.yes')}
                </button>
                <button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#cancelDelete()}>${this.t('common.cancel')}</button>
              </div>`
          : html`<div class="cognito-actions">
              <button class="cognito-button cognito-button--danger" type="button" data-delete @click=${() => this.#askDelete()}>${this.t('account.delete.button')}</button>
            </div>`}
        ${this.#regions('delete')}`,
    );
  }
}
