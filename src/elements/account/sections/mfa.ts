/**
 * The account's "Two-step verification" section: which MFA methods are on and which is used first,
 * and, until an authenticator app is set up, the inner <cognito-mfa mode="setup"> that sets one up.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MfaType } from '../../../core/index.ts';
import { emit } from '../../shared/events.ts';
import { type AccountHost, Section } from './section.ts';

const MFA_TYPES: MfaType[] = ['TOTP', 'SMS', 'EMAIL'];

export class MfaSection extends Section<'save'> {
  constructor(host: AccountHost) {
    super(host, 'mfa');
  }

  readonly #save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const { t, user } = this.host;
    const form = event.currentTarget as HTMLFormElement;
    const checked = (name: string) => {
      const control = form.elements.namedItem(name);
      return control instanceof HTMLInputElement ? control.checked : undefined;
    };
    const preferredControl = form.elements.namedItem('preferred');
    const preferred = (preferredControl instanceof RadioNodeList ? preferredControl.value : '') as MfaType | '';
    const input = { totp: checked('totp'), sms: checked('sms'), email: checked('email'), preferred: preferred || undefined };
    const on = { TOTP: input.totp ?? user().mfa.enabled.includes('TOTP'), SMS: !!input.sms, EMAIL: !!input.email };
    if (preferred && !on[preferred]) return this.refuse(t('account.mfa.preferredOff'));
    const mfa = await this.run(
      'save',
      async (client, signal) => {
        await client.setMfaPreference({ ...input, signal });
        return client.getMfaPreference({ signal });
      },
      () => t('account.mfa.saved'),
    );
    if (!mfa) return;
    this.host.patchUser({ mfa });
    emit(this.host.el, 'cognito-mfa-changed', { enabled: mfa.enabled, preferred: mfa.preferred });
    // Show what was saved (the checkboxes keep what the user clicked until the form is reset).
    await this.host.el.updateComplete;
    form.reset();
  };

  /** The inner <cognito-mfa> set up an authenticator app: show the new state. */
  readonly #totpChanged = async (): Promise<void> => {
    const client = this.host.client();
    if (!client) return;
    try {
      const mfa = await client.getMfaPreference();
      this.host.patchUser({ mfa });
      this.set(mfa.enabled.includes('TOTP') ? { is: 'done', status: this.host.t('account.mfa.totpDone') } : { is: 'idle' });
    } catch (error) {
      this.fail(error);
    }
  };

  render(): TemplateResult {
    const { t, idFor } = this.host;
    const { mfa, attributes } = this.host.user();
    const { enabled, preferred } = mfa;
    const name = (type: MfaType) => t(`account.mfa.${type}`);
    const totpOn = enabled.includes('TOTP');
    const offered = MFA_TYPES.filter((type) => type !== 'TOTP' || totpOn);
    const needs = (type: MfaType) =>
      enabled.includes(type)
        ? undefined
        : type === 'SMS' && !attributes.phone_number
          ? 'account.mfa.needsPhone'
          : type === 'EMAIL' && !attributes.email
            ? 'account.mfa.needsEmail'
            : undefined;
    return this.frame(
      t('account.mfa.title'),
      html`<p class="cognito-text" data-mfa-summary>
          ${enabled.length ? t('account.mfa.on', { methods: enabled.map(name).join(', ') }) : t('account.mfa.off')}
          ${preferred ? t('account.mfa.preferredIs', { method: name(preferred) }) : nothing}
        </p>
        <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#save} novalidate>
          <fieldset class="cognito-choices">
            <legend class="cognito-label">${t('account.mfa.methods')}</legend>
            ${offered.map((type) => {
              const key = type.toLowerCase();
              const id = idFor(`mfa-${key}`);
              const hint = needs(type);
              return html`<div class="cognito-choice">
                <input type="checkbox" id=${id} name=${key} ?checked=${enabled.includes(type)} ?disabled=${!!hint}
                  aria-describedby=${hint ? `${id}-hint` : nothing} />
                <label for=${id}>${name(type)}</label>
                ${hint ? html`<span class="cognito-hint" id=${`${id}-hint`}>${t(hint)}</span>` : nothing}
              </div>`;
            })}
          </fieldset>
          <fieldset class="cognito-choices">
            <legend class="cognito-label">${t('account.mfa.preferred')}</legend>
            ${[...offered, '' as const].map((type) => {
              const id = idFor(`preferred-${type || 'none'}`);
              return html`<div class="cognito-choice">
                <input type="radio" id=${id} name="preferred" value=${type} ?checked=${(preferred ?? '') === type} />
                <label for=${id}>${type ? name(type) : t('account.mfa.noPreference')}</label>
              </div>`;
            })}
          </fieldset>
          ${this.regions()}
          ${this.submit('save', t('account.mfa.save'), t('account.mfa.busy'))}
        </form>
        ${
          totpOn
            ? nothing
            : html`<cognito-mfa mode="setup" .client=${this.host.client()} @cognito-totp-set-up=${this.#totpChanged} @cognito-mfa-changed=${this.#totpChanged}></cognito-mfa>`
        }`,
    );
  }
}
