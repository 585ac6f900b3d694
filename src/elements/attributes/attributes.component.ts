/**
 * @summary The signed-in user's profile: their attributes (standard and custom) with friendly
 * labels, an edit form, verification of email and phone number, and removal of optional attributes.
 *
 * @example
 * ```html
 * <cognito-attributes
 *   user-pool-id="eu-west-1_AbC123"
 *   client-id="1example23456789"
 *   editable="name given_name family_name phone_number custom:plan"
 *   hidden-attributes="zoneinfo"
 *   required-attributes="email name"
 *   username-attributes="email"
 * ></cognito-attributes>
 * ```
 *
 * @slot header - Shown above the form (a logo, a title): a child with `slot="header"`. It stays the
 *   element's own child (light DOM), kept across every re-render and step.
 * @slot footer - Shown below the form (a legal line, a help link): a child with `slot="footer"`.
 * @event cognito-attributes-updated - Attributes were saved: `detail.attributes` maps each changed
 *   name to its new value (editing never removes one: Remove does, and fires cognito-attribute-deleted).
 * @event cognito-code-sent - A verification code was sent (`detail.delivery`, purpose 'verify-attribute').
 * @event cognito-attribute-verified - An email or phone number was verified: `detail.attribute`.
 * @event cognito-attribute-deleted - An attribute was removed: `detail.attribute`.
 * @event cognito-error - A failure, shown next to the form as well.
 *
 * @cssproperty --cognito-accent - Buttons and links. See the README for every --cognito-* property.
 */
import { html } from 'lit';
import type { CodeDelivery, UserAttributes } from '../../core/index.ts';
import { CognitoElement } from '../shared/base.ts';
import { emit } from '../shared/events.ts';
import type { FieldProblem } from '../shared/field-errors.ts';
import { errorRegion, heading } from '../shared/form.ts';
import { registerMessages } from '../shared/localize.ts';
import type { FormFields, FormValues, Hooks } from '../shared/form-fields.ts';
import { UserController } from '../shared/user-controller.ts';
import { attributesMessages } from './messages.ts';
import { editableNames, isVerifiable, labelOf, removable, shownNames, type Verifiable, words } from './attribute-names.ts';
import { type AttributesViewContext, renderStep, type Step } from './views.ts';

registerMessages(attributesMessages);

export class CognitoAttributes extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    editable: {},
    hiddenAttributes: { attribute: 'hidden-attributes' },
    requiredAttributes: { attribute: 'required-attributes' },
    usernameAttributes: { attribute: 'username-attributes' },
    formFields: { attribute: 'form-fields', type: Object },
    hooks: { attribute: false },
    step: { state: true },
  };

  /**
   * Space-separated attribute names the user may edit (attribute `editable`), including ones they do
   * not have yet. By default every shown attribute except the read-only `sub`, `identities` and
   * `updated_at`; an empty value makes nothing editable.
   */
  declare editable?: string;
  /** Space-separated attribute names not to show at all (attribute `hidden-attributes`), e.g. "zoneinfo custom:internal_id". */
  declare hiddenAttributes?: string;
  /**
   * Space-separated attributes the pool requires (attribute `required-attributes`): no "Remove" for
   * them. A browser cannot read the pool's schema, so the page says it.
   */
  declare requiredAttributes?: string;
  /** Space-separated attributes users sign in with, e.g. "email" (attribute `username-attributes`): no "Remove" either. */
  declare usernameAttributes?: string;
  /**
   * The edit form's fields as the page wants them, form `attributes` (by attribute name): label,
   * placeholder, hint, order, hidden, autocomplete, and `value` for an attribute the user has not
   * set yet. See FormFields.
   * As the attribute `form-fields`: the same object as JSON, e.g.
   * `form-fields='{"attributes":{"fields":{"nickname":{"label":"Called"}}}}'` (JSON that does not parse is refused: the console names the attribute).
   */
  declare formFields?: FormFields;
  /** The page's `validate` and `transform` hooks for the edit form `attributes`: they get every field's value. See Hooks. */
  declare hooks?: Hooks;
  declare private step: Step;
  /** Every attribute this user had while shown here: one removed stays in the edit form, to be added again. */
  #seen = new Set<string>();

  readonly #user = new UserController(this, {
    client: () => this.auth,
    loaded: (user, fresh) => {
      if (fresh) {
        this.#seen.clear();
        this.errorText = '';
      }
      for (const name of Object.keys(user.attributes)) this.#seen.add(name);
    },
    failed: (error) => (error === undefined ? (this.errorText = this.t('common.notConfigured')) : this.showError(error)),
    reset: () => {
      this.#seen.clear();
      this.step = { is: 'view' };
    },
  });

  constructor() {
    super();
    this.step = { is: 'view' };
  }

  get #attributes(): UserAttributes {
    return this.#user.user?.attributes ?? {};
  }

  #label(name: string): string {
    return labelOf(name, (key) => this.t(key));
  }

  /** The attributes the edit form offers, in display order. */
  get #editableNames(): string[] {
    return editableNames(this.editable == null ? this.#seen : words(this.editable), words(this.hiddenAttributes));
  }

  #removable(name: string): boolean {
    return removable(name, this.#editableNames, new Set([...words(this.requiredAttributes), ...words(this.usernameAttributes)]));
  }

  /** Moves to a step of the profile, with focus on it. */
  #go(step: Step, status?: string): void {
    this.errorText = '';
    if (status !== undefined) this.statusText = status;
    this.step = step;
    this.moveFocus();
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const typed: FormValues = {};
    for (const name of this.#editableNames) if (form.elements.namedItem(name)) typed[name] = this.value(form, name).trim();
    // Editing never deletes: a field emptied here says how to remove it (with Remove, which asks first).
    const cleared: FieldProblem[] = [];
    for (const [name, value] of Object.entries(typed)) {
      if (value === '' && (this.#attributes[name] ?? '') !== '')
        cleared.push({ field: name, key: this.#removable(name) ? 'attributes.useRemove' : 'field.required' });
    }
    if (this.invalid(form, cleared)) return;
    const hooks = this.hooks?.attributes;
    const values = hooks ? await this.vetted(form, hooks, typed) : typed;
    if (!values) return;
    const changes: UserAttributes = {};
    for (const [name, value] of Object.entries(values)) if (value !== '' && String(value) !== (this.#attributes[name] ?? '')) changes[name] = String(value);
    if (Object.keys(changes).length === 0) return this.#go({ is: 'view' }, this.t('attributes.unchanged'));
    const sent = await this.run(async (auth, signal) => {
      const result = await auth.updateUserAttributes(changes, { signal });
      await this.#user.reload(auth).catch(() => undefined);
      return result.verificationSent;
    });
    if (!sent) return;
    emit(this, 'cognito-attributes-updated', { attributes: changes });
    const toVerify = sent.filter((d) => isVerifiable(d.attribute ?? ''));
    for (const delivery of toVerify) emit(this, 'cognito-code-sent', { delivery, purpose: 'verify-attribute' });
    if (toVerify.length) this.#startVerify(toVerify, this.t('attributes.saved'));
    else this.#go({ is: 'view' }, this.t('attributes.saved'));
  }

  #startVerify([first, ...next]: CodeDelivery[], status = ''): void {
    this.#go({ is: 'verify', attribute: first.attribute as Verifiable, delivery: first, next }, status);
  }

  /** "Verify" next to an unverified email or phone number: sends a code, then asks for it. */
  async #sendCode(attribute: Verifiable): Promise<void> {
    const result = await this.run((auth, signal) => auth.sendAttributeVerificationCode(attribute, { signal }));
    if (!result) return;
    const delivery: CodeDelivery = { ...result.delivery, attribute };
    emit(this, 'cognito-code-sent', { delivery, purpose: 'verify-attribute' });
    this.#startVerify([delivery]);
  }

  async #resend(attribute: Verifiable): Promise<void> {
    const result = await this.run((auth, signal) => auth.sendAttributeVerificationCode(attribute, { signal }));
    if (!result) return;
    emit(this, 'cognito-code-sent', { delivery: { ...result.delivery, attribute }, purpose: 'verify-attribute' });
    this.statusText = this.t('common.codeSent');
  }

  async #verify(event: SubmitEvent, step: Step & { is: 'verify' }): Promise<void> {
    event.preventDefault();
    const code = this.value(event.currentTarget as HTMLFormElement, 'code').trim();
    const done = await this.run(async (auth) => {
      await auth.verifyAttribute(step.attribute, code);
      await this.#user.reload(auth).catch(() => undefined);
      return true;
    });
    if (!done) return;
    emit(this, 'cognito-attribute-verified', { attribute: step.attribute });
    const status = this.t('attributes.verifyDone', { attribute: this.#label(step.attribute) });
    if (step.next.length) this.#startVerify(step.next, status);
    else this.#go({ is: 'view' }, status);
  }

  #askRemove(name: string): void {
    this.errorText = '';
    this.statusText = '';
    this.step = { is: 'view', removing: name };
    void this.#focusAfterRender('[data-remove-confirm]');
  }

  #cancelRemove(name: string): void {
    this.step = { is: 'view' };
    void this.#focusAfterRender(`[data-remove="${CSS.escape(name)}"]`);
  }

  async #remove(name: string): Promise<void> {
    const done = await this.run(async (auth) => {
      await auth.deleteUserAttributes([name]);
      await this.#user.reload(auth).catch(() => undefined);
      return true;
    });
    if (!done) return;
    this.step = { is: 'view' };
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
    const view = this.#user.view;
    const title = heading(this.t('attributes.title'));
    switch (view.is) {
      case 'loading':
        return html`${title}<p class="cognito-text" role="status">${this.t('attributes.loading')}</p>`;
      case 'signed-out':
        return html`${title}<p class="cognito-text">${this.t(view.reason === 'expired' ? 'error.signedOut' : 'attributes.signedOut')}</p>
          ${errorRegion(this.idFor('error'), this.errorText)}`;
      case 'failed':
        return html`${title}${errorRegion(this.idFor('error'), this.errorText)}
          <div class="cognito-actions">
            <button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#retry()}>${this.t('attributes.retry')}</button>
          </div>`;
      case 'ready':
        return this.#renderStep(this.step);
    }
  }

  #retry(): void {
    this.errorText = '';
    this.#user.retry();
  }

  #renderStep(step: Step) {
    const context: AttributesViewContext = {
      t: (key, params) => this.t(key, params),
      idFor: (name) => this.idFor(name),
      busy: this.busy,
      errorText: this.errorText,
      statusText: this.statusText,
      attributes: this.#attributes,
      label: (name) => this.#label(name),
      locale: this.localize.requested,
      submit: (label, busy, busyLabel) => this.submit(label, busy, busyLabel),
      config: this.formFields?.attributes,
    };
    return renderStep(context, step, {
      names: shownNames(this.#attributes, words(this.hiddenAttributes)),
      editable: this.#editableNames,
      removable: (name) => this.#removable(name),
      on: {
        edit: () => this.#go({ is: 'edit' }, ''),
        save: (event) => this.#save(event),
        view: () => this.#go({ is: 'view' }),
        verify: (event, verifying) => this.#verify(event, verifying),
        resend: (attribute) => this.#resend(attribute),
        sendCode: (attribute) => this.#sendCode(attribute),
        askRemove: (name) => this.#askRemove(name),
        cancelRemove: (name) => this.#cancelRemove(name),
        remove: (name) => this.#remove(name),
      },
    });
  }
}
