/**
 * The authenticator-app form: QR code, setup key with a copy button, then the code and an optional
 * name for the app. Both ways of adding an app show it: the SETUP_TOTP step of a sign-in and the
 * set-up of a signed-in user (mode="setup").
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { errorRegion, field, heading, statusRegion } from '../shared/form.ts';
import type { MessageKey } from '../shared/localize.ts';
import { qrMatrix, type QrMatrix, qrSvg } from './qr.ts';
import type { StepContext } from './views/view.ts';
import { codeInput } from './views/parts.ts';

export type TotpFormContext = Pick<StepContext, 't' | 'idFor' | 'busy' | 'errorText' | 'statusText' | 'submit' | 'qr' | 'copySecret' | 'field'>;

/** The secret in blocks of four, for reading it off the screen into an app. */
const groupSecret = (secret: string) => (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');

export function totpForm(ctx: TotpFormContext, secret: string, uri: string, onSubmit: (event: SubmitEvent) => void, after: TemplateResult): TemplateResult {
  const qr = ctx.qr(uri);
  return html`
    ${heading(ctx.t('mfa.setupTotp.title'))}
    <p class="cognito-text">${ctx.t('mfa.setupTotp.scan')}</p>
    ${qr ? qrSvg(qr, ctx.t('mfa.setupTotp.qrLabel')) : html`<div class="cognito-qr" aria-hidden="true"></div>`}
    <div class="cognito-field cognito-totp-key">
      <p class="cognito-label">${ctx.t('mfa.setupTotp.secret')}</p>
      <div class="cognito-secret-row">
        <code class="cognito-secret" dir="ltr" translate="no">${groupSecret(secret)}</code>
        <button class="cognito-button cognito-button--secondary" type="button" @click=${() => ctx.copySecret(secret.replace(/\s+/g, ''))}>
          ${ctx.t('mfa.setupTotp.copy')}
        </button>
      </div>
      ${statusRegion(ctx.idFor('status'), ctx.statusText)}
    </div>
    <form class="cognito-form" aria-busy=${ctx.busy} @submit=${onSubmit} novalidate>
      ${codeInput(ctx, ctx.t('mfa.setupTotp.code'), 'totpSetup')}
      ${field({
        id: ctx.idFor('deviceName'),
        name: 'deviceName',
        label: ctx.t('mfa.setupTotp.deviceName'),
        autocomplete: 'off',
        required: false,
        value: ctx.t('mfa.setupTotp.deviceNameDefault'),
        config: ctx.field('totpSetup', 'deviceName'),
      })}
      ${errorRegion(ctx.idFor('error'), ctx.errorText)}
      ${ctx.submit(ctx.t('mfa.setupTotp.submit'))}
    </form>
    ${after}
  `;
}

/** The QR code of the URI shown now: drawn once the encoder has loaded, then the host renders it. */
export class QrCodes {
  #shown?: { uri: string; matrix?: QrMatrix };

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The code for `uri` if drawn, else undefined (and drawing starts). */
  for(uri: string): QrMatrix | undefined {
    if (this.#shown?.uri !== uri) this.#draw(uri);
    return this.#shown?.matrix;
  }

  #draw(uri: string): void {
    this.#shown = { uri };
    qrMatrix(uri).then(
      (matrix) => {
        if (this.#shown?.uri !== uri) return;
        this.#shown = { uri, matrix };
        this.host.requestUpdate();
      },
      // Without the QR code the setup key still works; say why in the console only.
      (error) => console.warn('[cognito-elements] the QR code could not be drawn', error),
    );
  }
}

/** Copies the setup key; the message to show says whether it worked. */
export async function copySecret(secret: string): Promise<MessageKey> {
  try {
    await navigator.clipboard.writeText(secret);
    return 'mfa.setupTotp.copied';
  } catch {
    // No clipboard (an insecure context, a denied permission): the key stays selectable text.
    return 'mfa.setupTotp.copyFailed';
  }
}
