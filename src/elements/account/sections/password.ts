/**
 * The account's "Change password" section: the current password, then the new one with the shared
 * PasswordFields (the pool's policy as a checklist, the confirmation and its mismatch).
 */
import { html, type TemplateResult } from 'lit';
import { emit } from '../../shared/events.ts';
import { field, hiddenUsername } from '../../shared/form.ts';
import { PasswordFields } from '../../shared/password-fields.ts';
import { type AccountHost, Section } from './section.ts';

/** A Cognito username that is a UUID means the pool signs users in by email or phone number. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PasswordSection extends Section<'change'> {
  readonly #fields: PasswordFields;

  constructor(host: AccountHost, policy: () => string | undefined) {
    // In a change-password form, "Incorrect username or password" would point at the wrong field.
    super(host, 'password', (key) => (key === 'error.NotAuthorizedException' ? 'account.password.wrong' : undefined));
    this.#fields = new PasswordFields(host.el, {
      t: host.t,
      idFor: host.idFor,
      policy,
      names: { password: 'newPassword', confirm: 'confirmPassword' },
    });
  }

  override reset(): void {
    super.reset();
    this.#fields.reset();
  }

  /** The name a password manager should save the new password under. */
  get #accountName(): string {
    const { username, attributes } = this.host.user();
    if (!UUID.test(username)) return username;
    return attributes.email || attributes.phone_number || username;
  }

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const oldPassword = (form.elements.namedItem('currentPassword') as HTMLInputElement).value;
    if (this.host.invalid(form, this.#fields.problems(form))) return;
    const newPassword = await this.#fields.accept(form);
    if (newPassword === undefined) return void this.set({ is: 'idle' });
    const t = this.host.t;
    const done = await this.run(
      'change',
      async (client, signal) => {
        await client.changePassword({ oldPassword, newPassword, signal });
        return true;
      },
      () => t('account.password.done'),
    );
    if (!done) return;
    form.reset();
    this.#fields.reset();
    emit(this.host.el, 'cognito-password-changed', {});
  };

  render(): TemplateResult {
    const { t, idFor } = this.host;
    return this.frame(
      t('account.password.title'),
      html`<form class="cognito-form" aria-busy=${this.busy} @submit=${this.#submit} @input=${this.#fields.onInput} novalidate>
        ${hiddenUsername(this.#accountName)}
        ${field({ id: idFor('current-password'), name: 'currentPassword', label: t('account.password.current'), type: 'password', autocomplete: 'current-password' })}
        ${this.#fields.render()}
        ${this.regions()}
        ${this.submit('change', t('account.password.submit'), t('account.password.busy'))}
      </form>`,
    );
  }
}
