/**
 * What every element shares: light-DOM rendering (so password managers and OTP autofill see real
 * inputs), the shared stylesheet, the Cognito client (shared per pool and client, or given), the
 * language, a busy state that blocks double submits, errors shown in a live region and fired as
 * `cognito-error`, and moving focus to the new step.
 */
import { html, LitElement, nothing, type PropertyValues, ReactiveElement, render } from 'lit';
import { type CognitoClient, type CognitoClientEventMap, ConfigurationError } from '../../core/index.ts';
import { clientForAttributes } from './client-registry.ts';
import { emit } from './events.ts';
import { checkForm, type FieldProblem, InvalidFieldError, markFields, ownerOf } from './field-errors.ts';
import { formValue, hidePasswords, submitButton } from './form.ts';
import type { FormHooks, FormValues } from './form-fields.ts';
import { Localize, type TextKey } from './localize.ts';
import { loadErrorTexts, withErrorTexts } from './messages.ts';
import { StepFocus } from './step-focus.ts';
import { followSlotted, type SlotFrame } from './slots.ts';
import { adoptStyles } from './styles.ts';
import { warm, warmWhenIdle } from './warm.ts';

let nextId = 0;

/** The client events an element can follow, and the hook each one calls. */
const clientHooks = {
  'signed-in': 'onClientSignedIn',
  'signed-out': 'onClientSignedOut',
  step: 'onClientStep',
  'sign-in-cancelled': 'onClientSignInCancelled',
} as const;
type ClientHookEvent = keyof typeof clientHooks;

/**
 * Members no other class uses are `#private` in every element, not TS `private`: the minifier
 * shortens `#names` and must ship `private` ones in full. Lit calls `@event=${this.#method}`
 * listeners with the element as `this`, so they work as listeners too.
 */
export abstract class CognitoElement extends LitElement {
  static override properties = {
    userPoolId: { attribute: 'user-pool-id' },
    clientId: { attribute: 'client-id' },
    region: {},
    endpoint: {},
    client: { attribute: false, noAccessor: true },
    busy: { state: true },
    slow: { state: true },
    errorText: { state: true },
    statusText: { state: true },
    fieldErrors: { state: true },
  };

  /** The user pool's id, `<region>_<id>`, e.g. "eu-west-1_AbC123" (attribute `user-pool-id`). */
  declare userPoolId?: string;
  /** The app client's id (attribute `client-id`): a public client, without a client secret (a browser cannot keep one). */
  declare clientId?: string;
  /** The AWS region, e.g. "eu-west-1"; by default the one the pool id starts with. */
  declare region?: string;
  /**
   * Another endpoint than Cognito's `https://cognito-idp.<region>.amazonaws.com/`, e.g. the local
   * emulator ("http://127.0.0.1:9229") or a proxy: an absolute `https:` URL, or `http:` for a loopback
   * host only (localhost, 127.x.x.x, [::1]). Any other value puts the element in its error state.
   */
  declare endpoint?: string;
  #client?: CognitoClient;
  declare protected busy: boolean;
  /** The call in flight has lasted cancelAfterMs: its busy button offers Cancel. */
  declare protected slow: boolean;
  declare protected errorText: string;
  declare protected statusText: string;
  /** What is wrong with each field, by input name: shown under the input, which is marked aria-invalid. */
  declare protected fieldErrors: Record<string, string>;

  protected readonly localize = new Localize(this);
  /** A prefix for ids unique to this element instance (labels, aria-describedby). */
  protected readonly uid = `cognito-${++nextId}`;
  /** The client whose events reach the `onClient*` hooks (while connected). */
  protected listening?: CognitoClient;
  /** Offer Cancel on a call that is still running after this long (ms). */
  static cancelAfterMs = 4000;
  /** The call in flight: ended by Cancel, by going back to the sign-in elsewhere, or by leaving the page. */
  #call?: AbortController;
  /** Focus after each render: the new step's first field (its title said politely, as its label alone does not say where the user is), or the first wrong field. */
  readonly #focus = new StepFocus(this);
  #authorDir?: string | null;
  /** Where the rendered form sits among the element's children (set with the render root): see shared/slots.ts. */
  protected slotFrame?: SlotFrame;
  /** Places the header and footer children the page adds, while connected. */
  #slots?: MutationObserver;
  /** What this element already told the console, so a problem is logged once, not on every render. */
  #logged = new Set<string>();

  // Hooks for following the client: defining one subscribes to that client event.
  protected onClientSignedIn?(event: CognitoClientEventMap['signed-in']): void;
  protected onClientSignedOut?(event: CognitoClientEventMap['signed-out']): void;
  protected onClientStep?(event: CognitoClientEventMap['step']): void;
  protected onClientSignInCancelled?(event: CognitoClientEventMap['sign-in-cancelled']): void;
  /** Called after the element starts following a client (connected, or the client changed). */
  protected clientChanged?(client: CognitoClient): void;

  constructor() {
    super();
    this.busy = this.slow = false;
    this.errorText = '';
    this.statusText = '';
    this.fieldErrors = {};
    // A password shown with "Show password" is hidden again before its form is sent.
    this.addEventListener('submit', hidePasswords, true);
  }

  /**
   * Render into the element itself, not a shadow root: forms must be in the document's light DOM.
   * Between two markers of its own, so the page's header and footer children stay around the form.
   */
  protected override createRenderRoot(): HTMLElement {
    const start = document.createComment('');
    const end = document.createComment('');
    this.append(start, end);
    this.renderOptions.renderBefore = end;
    this.slotFrame = { start, end };
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.slotFrame) this.#slots = followSlotted(this, this.slotFrame);
    adoptStyles(this);
    warmWhenIdle();
    this.#authorDir ??= this.getAttribute('dir');
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#slots?.disconnect();
    this.#call?.abort();
    this.#unfollow();
  }

  /**
   * JSON attributes (`form-fields`): Lit turns JSON that does not parse into null without a word;
   * here it is refused like any other wrong attribute (the console names it, the form says it is not
   * set up), and the property keeps what it had.
   */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'form-fields' && value !== null) {
      try {
        JSON.parse(value);
      } catch (error) {
        this.attributeError(name, new ConfigurationError(name, `is not JSON (${(error as Error).message}): write it as JSON, or set the formFields property.`));
        return;
      }
    }
    super.attributeChangedCallback(name, old, value);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('client') || changed.has('userPoolId') || changed.has('clientId') || changed.has('endpoint') || changed.has('region')) this.follow();
  }

  /** The client to follow: `auth`, unless a subclass follows none for now. */
  protected clientToFollow(): CognitoClient | undefined {
    return this.auth;
  }

  /**
   * Follows the client, so what happens elsewhere (another element, another tab) shows here.
   * Elements without hooks follow nothing (and create no client before they need one).
   */
  protected follow(): void {
    const types = (Object.keys(clientHooks) as ClientHookEvent[]).filter((type) => this[clientHooks[type]]);
    const auth = this.isConnected && (types.length || this.clientChanged) ? this.clientToFollow() : undefined;
    if (auth === this.listening) return;
    this.#unfollow();
    if (!auth) return;
    this.listening = auth;
    for (const type of types) auth.addEventListener(type, this.#relay);
    this.clientChanged?.(auth);
  }

  #unfollow(): void {
    for (const type of Object.keys(clientHooks)) this.listening?.removeEventListener(type, this.#relay);
    this.listening = undefined;
  }

  #relay = (event: Event): void => {
    (this[clientHooks[event.type as ClientHookEvent]] as ((event: Event) => void) | undefined)?.call(this, event);
  };

  /** Shorthand for the localized string. */
  protected t(key: TextKey, params?: Record<string, string | number>): string {
    return this.localize.t(key, params);
  }

  protected idFor(name: string): string {
    return `${this.uid}-${name}`;
  }

  /**
   * The client in use: the one set here (to use instead of the page's shared one for these
   * attributes), or else that shared one; undefined while the element is not configured. An app
   * reaches it as `el.client`, e.g. for a sign-out button in the authenticator's content.
   */
  get client(): CognitoClient | undefined {
    return this.auth;
  }

  set client(client: CognitoClient | undefined) {
    const old = this.#client;
    this.#client = client;
    this.requestUpdate('client', old);
  }

  /** The client these attributes (or the `client` property) name, or undefined if not configured. */
  protected get auth(): CognitoClient | undefined {
    const found = this.#client ?? this.#named();
    return found instanceof ConfigurationError ? undefined : found;
  }

  #named(): CognitoClient | ConfigurationError {
    return clientForAttributes({ userPoolId: this.userPoolId, clientId: this.clientId, region: this.region, endpoint: this.endpoint });
  }

  /** A missing attribute, or one that cannot be used, for the console (none with the `client` property). */
  #attributeProblem(): ConfigurationError | undefined {
    const found = this.#client ?? this.#named();
    return found instanceof ConfigurationError ? found : undefined;
  }

  /** Logs a problem of the page's set-up once, naming the element and the attribute to fix. */
  #log(attribute: string, message: string): void {
    const line = `<${this.localName}> ${attribute}: ${message}`;
    if (this.#logged.has(line)) return;
    this.#logged.add(line);
    console.error(line);
  }

  /** Shows a refused attribute as the element's error, and names it on the console for the page's author. */
  protected attributeError(attribute: string, error: unknown): void {
    this.#log(attribute, (error as Error).message);
    this.errorText = this.t('error.ConfigurationError');
  }

  /**
   * Without a usable client no form can work: the element shows that it is not configured (and the
   * console says which attribute to set) until the attributes, or the `client` property, are right;
   * then its own template renders in place. Lit's render() is the subclass's, so the notice is
   * rendered here, into the same root (lit keeps one part per container, so the two swap cleanly).
   */
  protected override update(changed: PropertyValues): void {
    const problem = this.#attributeProblem();
    if (!problem) return super.update(changed);
    // A value that cannot be used is said at once. A missing one only if still missing in the next
    // task: frameworks may set attributes or `client` just after inserting the element.
    if (problem.cause) this.#log(problem.option, problem.message);
    else {
      setTimeout(() => {
        const still = this.isConnected && this.#attributeProblem();
        if (still) this.#log(still.option, still.message);
      });
    }
    // ReactiveElement's own update (reflects attributes, ends the update), without LitElement's render().
    (ReactiveElement.prototype as unknown as { update(changed: PropertyValues): void }).update.call(this, changed);
    const key = problem.cause ? 'error.ConfigurationError' : 'common.notConfigured';
    render(html`<p class="cognito-error" role="alert" data-not-configured>${this.t(key)}</p>`, this.renderRoot, this.renderOptions);
  }

  /**
   * Runs one user action: refuses a second one while the first is in flight, shows and fires
   * errors, and keeps everything the user typed (the form is not re-rendered away on failure).
   */
  protected async run<T>(task: (auth: CognitoClient, signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    const auth = this.auth;
    if (!auth) {
      if (this.userPoolId && this.clientId && !this.#client) return undefined; // a refused attribute, already shown
      this.errorText = this.t('common.notConfigured');
      return undefined;
    }
    this.busy = true;
    warm();
    this.errorText = '';
    this.statusText = '';
    this.fieldErrors = {};
    // The clicked submit button is disabled while busy, which drops focus to <body>: it comes back after.
    const focused = document.activeElement instanceof HTMLElement && this.contains(document.activeElement) ? document.activeElement : undefined;
    const call = (this.#call = new AbortController());
    const { signal } = call;
    const slow = setTimeout(() => (this.slow = true), (this.constructor as typeof CognitoElement).cancelAfterMs);
    // The user went back to the sign-in (here or in another element): what was waiting on it ends too.
    const back = (event: CognitoClientEventMap['sign-in-cancelled']) => event.detail.reason === 'cancelled' && call.abort();
    auth.addEventListener('sign-in-cancelled', back);
    try {
      // Every request the task makes takes the signal (and has a timeout of its own), so Cancel ends it at once.
      return await task(auth, signal);
    } catch (error) {
      // A call the user ended is no failure to report: they stay on this step, with what they typed.
      if (signal.aborted) return undefined;
      this.showError(await this.explain(error, auth));
      return undefined;
    } finally {
      clearTimeout(slow);
      auth.removeEventListener('sign-in-cancelled', back);
      if (this.#call === call) this.#call = undefined;
      this.busy = this.slow = false;
      void this.updateComplete.then(() => {
        if ((!document.activeElement || document.activeElement === document.body) && focused?.isConnected) focused.focus();
      });
    }
  }

  /**
   * The error to show for a failed call: a refusal that no input can fix (no such app client, a
   * client secret, a flow not allowed) is the page's to fix, named on the console, and shown as such.
   * The explanations load on demand; offline they may not load at all, and the error still shows.
   */
  protected async explain(error: unknown, auth: CognitoClient): Promise<unknown> {
    // The errors' texts too (loading since the request was sent, see warm.ts), so showError needs no wait.
    const [configuration] = await Promise.all([import('./configuration.ts').catch(() => undefined), loadErrorTexts().catch(() => undefined)]);
    const explained = await configuration?.explainFailure(error, auth);
    if (explained) this.#log(explained.attribute, explained.message);
    return explained?.fault ? new ConfigurationError(explained.attribute, explained.message, { cause: error }) : error;
  }

  /** Ends the call in flight (the busy state's Cancel). */
  protected cancel(): void {
    this.#call?.abort();
  }

  /** The submit button, and while a call has been running for a while, a Cancel that ends it. */
  protected submit(label: string, busy: boolean, busyLabel: string) {
    return html`${submitButton(label, busy, busyLabel)}${
      busy && this.slow
        ? html`<button class="cognito-button cognito-button--secondary" type="button" data-cancel @click=${this.cancel}>${this.t('common.cancel')}</button>`
        : nothing
    }`;
  }

  /**
   * Shows a failure and fires `cognito-error`: on the field it is about, or in the live region. The
   * words come from error-texts.ts, loaded by now in almost every case (warm.ts, explain); if not,
   * this waits for it, and if it cannot load the generic message (always here) is shown.
   */
  protected showError(error: unknown): void {
    withErrorTexts(
      (texts) => {
        const problem = texts.fieldOfError(error);
        const field = problem && this.#inputNamed(problem.field);
        if (problem && field) return this.#showInvalid(error, [{ ...problem, field }]);
        const { code, key } = texts.describeError(error);
        this.#showMessage(error, code, key);
      },
      () => this.#showMessage(error, (error as { code?: string }).code ?? 'Error', 'error.generic'),
    );
  }

  #showMessage(error: unknown, code: string, key: TextKey): void {
    this.errorText = this.t(key);
    emit(this, 'cognito-error', { error, code, message: this.errorText });
  }

  /**
   * Checks the form before anything is sent (required fields, email and phone formats, lengths,
   * and the `more` problems the element found itself). Returns true, with each wrong field marked,
   * its message shown, the first focused and `cognito-error` fired, when the form must be corrected.
   */
  protected invalid(form: HTMLFormElement, more: FieldProblem[] = []): boolean {
    const found = new Map<string, FieldProblem>();
    for (const problem of [...checkForm(form), ...more]) if (!found.has(problem.field)) found.set(problem.field, problem);
    const problems = [...found.values()];
    if (!problems.length) {
      this.fieldErrors = {};
      return false;
    }
    this.errorText = '';
    this.#showInvalid(new InvalidFieldError(problems[0].field, problems), problems);
    return true;
  }

  #showInvalid(error: unknown, problems: FieldProblem[]): void {
    this.fieldErrors = Object.fromEntries(problems.map((p) => [p.field, p.text ?? this.t(p.key, p.params)]));
    this.#focus.invalid();
    const { field } = problems[0];
    emit(this, 'cognito-error', { error, code: (error as { code: string }).code, message: this.fieldErrors[field], field });
  }

  /**
   * The page's hooks for a form that passed its own checks: `validate` (the form busy meanwhile; its
   * messages shown on their fields, or in the error region for a name no input has), then
   * `transform`. The values to send, or undefined when the form must be corrected (or a hook failed).
   */
  protected async vetted(form: HTMLFormElement, hooks: Pick<FormHooks, 'validate' | 'transform'> | undefined, values: FormValues): Promise<FormValues | undefined> {
    if (!hooks) return values;
    const errors: Record<string, string> | undefined = await this.run(async () => ({ ...((await hooks.validate?.(values)) || {}) }));
    if (!errors) return undefined;
    const problems = Object.entries(errors).map(([field, text]): FieldProblem => ({ field, key: 'field.invalid', text }));
    if (problems.length) {
      this.invalid(
        form,
        problems.filter((p) => form.elements.namedItem(p.field)),
      );
      this.errorText = problems.find((p) => !form.elements.namedItem(p.field))?.text ?? '';
      return undefined;
    }
    const sent = await this.run(async () => ({ values: hooks.transform ? await hooks.transform(values) : values }));
    return sent?.values;
  }

  /**
   * The input of this element a field name (or Cognito's attribute name) stands for: the input of
   * that name, or the username input when the pool signs in with that email address or phone number.
   */
  #inputNamed(field: string): string | undefined {
    const own = (name: string, type = '') =>
      [...this.querySelectorAll(`input.cognito-input[name="${CSS.escape(name)}"]${type}`)].some((input) => ownerOf(input) === this);
    if (own(field)) return field;
    const type = field === 'email' ? 'email' : field === 'phone_number' ? 'tel' : '';
    return type && own('username', `[type="${type}"]`) ? 'username' : undefined;
  }

  /** Asks for focus to move to the new step's first field (or heading) after the next render. */
  protected moveFocus(): void {
    this.#focus.step();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Right-to-left languages flip the layout unless the page said otherwise; a left-to-right one
    // (lang="en") inside a right-to-left page must not inherit the page's direction.
    if (!this.#authorDir) {
      if (this.localize.dir === 'rtl') this.setAttribute('dir', 'rtl');
      else if (this.parentElement?.closest('[dir]')?.getAttribute('dir') === 'rtl') this.setAttribute('dir', 'ltr');
      else this.removeAttribute('dir');
    }
    markFields(this, this.fieldErrors);
    this.#focus.rendered();
  }

  /** The current value of a named control in a form, read at submit time (autofill may not fire events). */
  protected value(form: HTMLFormElement, name: string): string {
    return formValue(form, name);
  }
}
