/**
 * @summary The signed-in user's profile: their attributes (standard and custom) with friendly
 * labels, an edit form, verification of email and phone number, and removal of optional attributes.
 *
 * @event cognito-attributes-updated - Attributes were saved: `detail.attributes` maps each changed
 *   name to its new value (editing never removes one: Remove does, and fires cognito-attribute-deleted).
 * @event cognito-code-sent - A verification code was sent (`detail.delivery`, purpose 'verify-attribute').
 * @event cognito-attribute-verified - An email or phone number was verified: `detail.attribute`.
 * @event cognito-attribute-deleted - An attribute was removed: `detail.attribute`.
 * @event cognito-error - A failure, shown next to the form as well.
 *
 * @cssproperty --cognito-accent - Buttons and links. See the README for every --cognito-* property.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CodeDelivery, CognitoClient, Session, SignOutReason, UserAttributes } from '../../core/index.ts';
import { CognitoElement } from '../shared/base.ts';
import { emit } from '../shared/events.ts';
import type { FieldProblem } from '../shared/field-errors.ts';
import { codeField, errorRegion, field, type FieldOptions, heading, statusRegion } from '../shared/form.ts';
import { isKeyOf, registerMessages } from '../shared/localize.ts';
import { attributesMessages } from './messages.ts';

registerMessages(attributesMessages);

/** How each standard attribute is edited: input type, autocomplete token, keyboard. */
const INPUTS: Record<string, Partial<FieldOptions>> = {
  email: { type: 'email', autocomplete: 'email', inputmode: 'email', dir: 'ltr' },
  phone_number: { type: 'tel', autocomplete: 'tel', inputmode: 'tel', dir: 'ltr' },
  name: { autocomplete: 'name' },
  given_name: { autocomplete: 'given-name' },
  family_name: { autocomplete: 'family-name' },
  middle_name: { autocomplete: 'additional-name' },
  nickname: { autocomplete: 'nickname' },
  preferred_username: { autocomplete: 'off' },
  profile: { type: 'url', autocomplete: 'url', dir: 'ltr' },
  picture: { type: 'url', autocomplete: 'photo', dir: 'ltr' },
  website: { type: 'url', autocomplete: 'url', dir: 'ltr' },
  gender: { autocomplete: 'sex' },
  birthdate: { type: 'date', autocomplete: 'bday' },
  zoneinfo: { autocomplete: 'off', dir: 'ltr' },
  locale: { autocomplete: 'language', dir: 'ltr' },
  address: { autocomplete: 'street-address' },
};

/** The order attributes are listed in; custom ones follow, then the read-only ones. */
const ORDER = [
  'name', 'given_name', 'middle_name', 'family_name', 'nickname', 'preferred_username', 'email', 'phone_number',
  'birthdate', 'gender', 'address', 'locale', 'zoneinfo', 'website', 'profile', 'picture',
];
/** Shown, but never offered for editing or removal. */
const READ_ONLY = new Set(['sub', 'identities', 'updated_at']);
/** Not rows of their own: the verification state is shown next to email and phone number. */
const FLAGS = new Set(['email_verified', 'phone_number_verified']);

type Verifiable = 'email' | 'phone_number';
const isVerifiable = (name: string): name is Verifiable => name === 'email' || name === 'phone_number';

const words = (text: string | undefined | null) => new Set((text ?? '').split(/\s+/).filter(Boolean));

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  if (i >= 0) return i;
  if (name.startsWith('custom:')) return ORDER.length;
  if (READ_ONLY.has(name)) return ORDER.length + 2;
  return ORDER.length + 1;
}

export class CognitoAttributes extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    editable: {},
    hiddenAttributes: { attribute: 'hidden-attributes' },
    requiredAttributes: { attribute: 'required-attributes' },
    usernameAttributes: { attribute: 'username-attributes' },
    phase: { state: true },
    userAttributes: { state: true },
    verifying: { state: true },
    confirmingRemove: { state: true },
  };

  /**
   * Space-separated attribute names the user may edit (attribute `editable`), including ones they do
   * not have yet. By default every shown attribute except the read-only `sub`, `identities` and
   * `updated_at`; an empty value makes nothing editable.
   */
  declare editable?: string;
  /** Space-separated attribute names not to show at all (attribute `hidden-attributes`). */
  declare hiddenAttributes?: string;
  /**
   * Space-separated attributes the pool requires (attribute `required-attributes`): no "Remove" for
   * them. A browser cannot read the pool's schema, so the page says it.
   */
  declare requiredAttributes?: string;
  /** Space-separated attributes users sign in with, e.g. "email" (attribute `username-attributes`): no "Remove" either. */
  declare usernameAttributes?: string;
  private declare phase: 'loading' | 'signed-out' | 'failed' | 'view' | 'edit' | 'verify';
  private declare userAttributes: UserAttributes;
  /** The verify step: which attribute, where the code went, and any attributes waiting after it. */
  private declare verifying?: { attribute: Verifiable; delivery?: CodeDelivery; next: CodeDelivery[] };
  private declare confirmingRemove?: string;
  /** Whose attributes are shown. */
  #username = '';
  /** Every attribute this user had while shown here: one removed stays in the edit form, to be added again. */
  #seen = new Set<string>();
  #loads = 0;
  #signedOutReason?: SignOutReason;

  constructor() {
    super();
    this.phase = 'loading';
    this.userAttributes = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Without a client to follow, loading shows that the element is not configured.
    if (!this.listening) void this.#load();
  }

  /** Follows the client's sign-in and sign-out, and loads from each new client. */
  protected override clientChanged(): void {
    void this.#load();
  }

  protected override onClientSignedIn(event: CustomEvent<{ session: Session }>): void {
    // The same user again (another tab signed in, say): refresh in place, keeping what is typed.
    if (this.phase === 'signed-out' || this.phase === 'failed' || event.detail.session.username !== this.#username) {
      this.phase = 'loading';
      this.verifying = undefined;
      this.confirmingRemove = undefined;
    }
    void this.#load();
  }

  // The client announces another tab's sign-out only when its own store lost the session too.
  protected override onClientSignedOut(event: CustomEvent<{ reason: SignOutReason }>): void {
    this.#loads++;
    this.#signedOutReason = event.detail.reason;
    this.#username = '';
    this.#seen.clear();
    this.userAttributes = {};
    this.verifying = undefined;
    this.confirmingRemove = undefined;
    this.phase = 'signed-out';
  }

  /** Reads the user's attributes; shows "signed out" when there is no session. */
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
      this.#loaded(user);
      if (this.phase === 'loading' || this.phase === 'signed-out' || this.phase === 'failed') {
        this.errorText = '';
        this.phase = 'view';
      }
    } catch (error) {
      if (load !== this.#loads) return;
      if ((error as Error)?.name === 'SignedOutError') {
        this.phase = 'signed-out';
        return;
      }
      this.showError(error);
      // A refresh of what is shown failed: keep showing it (and what was typed), with the error.
      if (this.phase === 'loading') this.phase = 'failed';
    }
  }

  /** Reloads inside an action (so the busy state lasts until the new values are shown). */
  async #reload(auth: CognitoClient): Promise<void> {
    this.#loads++;
    this.#loaded(await auth.getUser());
  }

  #loaded(user: { username: string; attributes: UserAttributes }): void {
    if (user.username !== this.#username) this.#seen.clear();
    this.#username = user.username;
    this.userAttributes = user.attributes;
    for (const name of Object.keys(user.attributes)) this.#seen.add(name);
  }

  // -------------------------------------------------------------------------------------------
  // What is shown and what may change

  #label(name: string): string {
    if (name.startsWith('custom:')) return name.slice('custom:'.length);
    const key = `attributes.name.${name}`;
    return isKeyOf(attributesMessages, key) ? this.t(key) : name;
  }

  get #shownNames(): string[] {
    const hidden = words(this.hiddenAttributes);
    return Object.keys(this.userAttributes)
      .filter((name) => !FLAGS.has(name) && !hidden.has(name))
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  }

  /** The attributes the edit form offers, in display order. */
  get #editableNames(): string[] {
    const hidden = words(this.hiddenAttributes);
    const allowed = (name: string) => !READ_ONLY.has(name) && !FLAGS.has(name) && !hidden.has(name) && !name.startsWith('dev:');
    const listed = [...(this.editable == null ? this.#seen : words(this.editable))].filter(allowed);
    return listed.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  }

  #removable(name: string): boolean {
    if (READ_ONLY.has(name) || words(this.requiredAttributes).has(name) || words(this.usernameAttributes).has(name)) return false;
    return this.#editableNames.includes(name);
  }

  #display(name: string, value: string): string {
    if (name === 'identities') {
      // Federated users: a JSON list of linked providers; show their names.
      try {
        const list = JSON.parse(value) as { providerName?: string }[];
        if (Array.isArray(list)) return list.map((i) => String(i?.providerName ?? '')).filter(Boolean).join(', ');
      } catch {
        /* not JSON: show as it is */
      }
    }
    if (name === 'updated_at' && /^\d+$/.test(value)) {
      return this.#formatDate(new Date(Number(value) * 1000));
    }
    return value;
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
  // Actions

  #startEdit(): void {
    this.errorText = '';
    this.statusText = '';
    this.confirmingRemove = undefined;
    this.phase = 'edit';
    this.moveFocus();
  }

  #cancelEdit(): void {
    this.errorText = '';
    this.phase = 'view';
    this.moveFocus();
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const changes: UserAttributes = {};
    // Editing never deletes: a field emptied here says how to remove it (with Remove, which asks first).
    const cleared: FieldProblem[] = [];
    for (const name of this.#editableNames) {
      if (!form.elements.namedItem(name)) continue;
      const value = this.value(form, name).trim();
      const before = this.userAttributes[name] ?? '';
      if (value === before) continue;
      if (value === '') cleared.push({ field: name, key: this.#removable(name) ? 'attributes.useRemove' : 'field.required' });
      else changes[name] = value;
    }
    if (this.invalid(form, cleared)) return;
    if (Object.keys(changes).length === 0) {
      this.errorText = '';
      this.statusText = this.t('attributes.unchanged');
      this.phase = 'view';
      this.moveFocus();
      return;
    }
    const sent = await this.run(async (auth, signal) => {
      const result = await auth.updateUserAttributes(changes, { signal });
      await this.#reload(auth).catch(() => undefined);
      return result.verificationSent;
    });
    if (!sent) return;
    emit(this, 'cognito-attributes-updated', { attributes: changes });
    const toVerify = sent.filter((d) => isVerifiable(d.attribute ?? ''));
    if (toVerify.length) {
      for (const delivery of toVerify) emit(this, 'cognito-code-sent', { delivery, purpose: 'verify-attribute' });
      this.#startVerify(toVerify, this.t('attributes.saved'));
      return;
    }
    this.statusText = this.t('attributes.saved');
    this.phase = 'view';
    this.moveFocus();
  }

  #startVerify(deliveries: CodeDelivery[], status = ''): void {
    const [first, ...next] = deliveries;
    this.verifying = { attribute: first.attribute as Verifiable, delivery: first, next };
    this.errorText = '';
    this.statusText = status;
    this.phase = 'verify';
    this.moveFocus();
  }

  /** "Verify" next to an unverified email or phone number: sends a code, then asks for it. */
  async #sendCode(attribute: Verifiable): Promise<void> {
    const result = await this.run((auth, signal) => auth.sendAttributeVerificationCode(attribute, { signal }));
    if (!result) return;
    const delivery: CodeDelivery = { ...result.delivery, attribute };
    emit(this, 'cognito-code-sent', { delivery, purpose: 'verify-attribute' });
    this.#startVerify([delivery]);
  }

  async #resend(): Promise<void> {
    const verifying = this.verifying;
    if (!verifying) return;
    const result = await this.run((auth, signal) => auth.sendAttributeVerificationCode(verifying.attribute, { signal }));
    if (!result) return;
    emit(this, 'cognito-code-sent', { delivery: { ...result.delivery, attribute: verifying.attribute }, purpose: 'verify-attribute' });
    this.statusText = this.t('common.codeSent');
  }

  async #verify(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const verifying = this.verifying;
    if (!verifying) return;
    const form = event.currentTarget as HTMLFormElement;
    const code = this.value(form, 'code').trim();
    const done = await this.run(async (auth) => {
      await auth.verifyAttribute(verifying.attribute, code);
      await this.#reload(auth).catch(() => undefined);
      return true;
    });
    if (!done) return;
    emit(this, 'cognito-attribute-verified', { attribute: verifying.attribute });
    const status = this.t('attributes.verifyDone', { attribute: this.#label(verifying.attribute) });
    if (verifying.next.length) {
      this.#startVerify(verifying.next, status);
      return;
    }
    this.verifying = undefined;
    this.statusText = status;
    this.phase = 'view';
    this.moveFocus();
  }

  #verifyLater(): void {
    this.verifying = undefined;
    this.errorText = '';
    this.phase = 'view';
    this.moveFocus();
  }

  #askRemove(name: string): void {
    this.errorText = '';
    this.statusText = '';
    this.confirmingRemove = name;
    void this.#focusAfterRender('[data-remove-confirm]');
  }

  #cancelRemove(name: string): void {
    this.confirmingRemove = undefined;
    void this.#focusAfterRender(`[data-remove="${CSS.escape(name)}"]`);
  }

  async #deleteAttribute(name: string): Promise<void> {
    const done = await this.run(async (auth) => {
      await auth.deleteUserAttributes([name]);
      await this.#reload(auth).catch(() => undefined);
      return true;
    });
    if (!done) return;
    this.confirmingRemove = undefined;
    emit(this, 'cognito-attribute-deleted', { attribute: name });
    this.statusText = this.t('attributes.removed', { attribute: this.#label(name) });
    this.moveFocus();
  }

  async #focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    switch (this.phase) {
      case 'loading':
        return html`${heading(this.t('attributes.title'))}<p class="cognito-text" role="status">${this.t('attributes.loading')}</p>`;
      case 'signed-out':
        return html`${heading(this.t('attributes.title'))}<p class="cognito-text">${this.t(
            this.#signedOutReason === 'expired' ? 'error.signedOut' : 'attributes.signedOut',
          )}</p>
          ${errorRegion(this.idFor('error'), this.errorText)}`;
      case 'failed':
        return html`${heading(this.t('attributes.title'))}${errorRegion(this.idFor('error'), this.errorText)}
          <div class="cognito-actions">
            <button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#retry()}>${this.t('attributes.retry')}</button>
          </div>`;
      case 'edit':
        return this.#renderEdit();
      case 'verify':
        return this.#renderVerify();
      default:
        return this.#renderView();
    }
  }

  #retry(): void {
    this.errorText = '';
    this.phase = 'loading';
    void this.#load();
  }

  #renderView(): TemplateResult {
    const names = this.#shownNames;
    return html`
      ${heading(this.t('attributes.title'))}
      ${names.length
        ? html`<dl class="cognito-list cognito-attributes">${names.map((name) => this.#renderRow(name))}</dl>`
        : html`<p class="cognito-text">${this.t('attributes.empty')}</p>`}
      ${errorRegion(this.idFor('error'), this.errorText)} ${statusRegion(this.idFor('status'), this.statusText)}
      ${this.#editableNames.length
        ? html`<div class="cognito-actions">
            <button class="cognito-button" type="button" ?disabled=${this.busy} @click=${() => this.#startEdit()}>${this.t('attributes.edit')}</button>
          </div>`
        : nothing}
    `;
  }

  #renderRow(name: string): TemplateResult {
    const label = this.#label(name);
    const value = this.userAttributes[name] ?? '';
    const confirming = this.confirmingRemove === name;
    return html`<div class="cognito-list-item" data-attribute=${name}>
      <dt class="cognito-label">${label}</dt>
      <dd class="cognito-attribute-value">
        <span dir="auto">${this.#display(name, value)}</span>
        ${isVerifiable(name) ? this.#renderVerification(name, label) : nothing}
        ${confirming
          ? html`<span class="cognito-confirm">
              <span>${this.t('attributes.removeConfirm', { attribute: label })}</span>
              <button class="cognito-button cognito-button--danger" type="button" data-remove-confirm ?disabled=${this.busy} @click=${() => this.#deleteAttribute(name)}>
                ${this.busy ? html`<span class="cognito-spinner" aria-hidden="true"></span>` : nothing}${this.t('attributes.removeYes')}
              </button>
              <button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#cancelRemove(name)}>${this.t('common.cancel')}</button>
            </span>`
          : this.#removable(name)
            ? html`<button class="cognito-link" type="button" data-remove=${name} @click=${() => this.#askRemove(name)}>
                <span aria-hidden="true">${this.t('attributes.remove')}</span><span class="cognito-visually-hidden">${this.t('attributes.removeNamed', { label })}</span>
              </button>`
            : nothing}
      </dd>
    </div>`;
  }

  #renderVerification(name: Verifiable, label: string): TemplateResult {
    if (this.userAttributes[`${name}_verified`] === 'true') {
      return html`<span class="cognito-badge" data-verified="true">${this.t('attributes.verified')}</span>`;
    }
    return html`<span class="cognito-badge" data-verified="false">${this.t('attributes.notVerified')}</span>
      <button class="cognito-link" type="button" data-verify=${name} ?disabled=${this.busy} @click=${() => this.#sendCode(name)}>
        <span aria-hidden="true">${this.t('common.verify')}</span><span class="cognito-visually-hidden">${this.t('attributes.verifyNamed', { label })}</span>
      </button>`;
  }

  #renderEdit(): TemplateResult {
    const names = this.#editableNames;
    return html`
      ${heading(this.t('attributes.editTitle'))}
      <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#save} novalidate>
        ${names.map((name, i) => this.#renderField(name, i === 0))}
        ${errorRegion(this.idFor('error'), this.errorText)}
        <div class="cognito-actions">
          ${this.submit(this.t('attributes.save'), this.busy, this.t('attributes.saving'))}
          <button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#cancelEdit()}>${this.t('common.cancel')}</button>
        </div>
      </form>
    `;
  }

  #renderField(name: string, first: boolean): TemplateResult {
    const value = this.userAttributes[name] ?? '';
    const input = { ...INPUTS[name] };
    // A date input cannot hold Cognito's "0000-MM-DD" (birthday without a year): use text then.
    if (input.type === 'date' && value && !/^(?!0000)\d{4}-\d{2}-\d{2}$/.test(value)) input.type = 'text';
    const hint =
      name === 'phone_number' ? this.t('attributes.phoneHint') : name === 'birthdate' && input.type === 'text' ? this.t('attributes.birthdateHint') : undefined;
    return field({
      ...input,
      id: this.idFor(`field-${name.replace(/[^\w-]/g, '-')}`),
      name,
      label: this.#label(name),
      value,
      required: false,
      autofocus: first,
      hint,
    });
  }

  #renderVerify(): TemplateResult {
    const verifying = this.verifying!;
    const label = this.#label(verifying.attribute);
    const destination = verifying.delivery?.destination;
    return html`
      ${heading(this.t('attributes.verifyTitle', { attribute: label }))}
      <p class="cognito-text">${destination ? this.t('common.codeSentTo', { destination }) : this.t('common.codeSent')}</p>
      <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#verify} novalidate>
        ${codeField({ id: this.idFor('code'), label: this.t('common.code') })}
        ${errorRegion(this.idFor('error'), this.errorText)} ${statusRegion(this.idFor('status'), this.statusText)}
        ${this.submit(this.t('common.verify'), this.busy, this.t('attributes.verifyBusy'))}
        <div class="cognito-links">
          <button class="cognito-link" type="button" ?disabled=${this.busy} @click=${() => this.#resend()}>${this.t('common.resend')}</button>
          <button class="cognito-link" type="button" @click=${() => this.#verifyLater()}>${this.t('attributes.verifyLater')}</button>
        </div>
      </form>
    `;
  }
}
