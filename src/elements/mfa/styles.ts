/**
 * The rules only <cognito-mfa> uses: the QR code, the TOTP set-up key with its copy button, the
 * choice legends. mfa.component.ts adds them to the shared sheet (../shared/styles.ts) when it loads.
 */
export const mfaStyles: string = /* css */ `
:where(cognito-mfa) .cognito-qr { display: block; inline-size: 12rem; block-size: 12rem; margin-block-end: var(--_space); background: #fff; padding: 0.5rem; border-radius: calc(var(--_radius) * 0.5); }
:where(cognito-mfa) .cognito-secret { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
:where(cognito-mfa) .cognito-secret-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
:where(cognito-mfa) .cognito-secret-row > .cognito-secret { flex: 1 1 12ch; font-size: 1.0625em; letter-spacing: 0.05em; word-break: normal; overflow-wrap: anywhere; }
:where(cognito-mfa) .cognito-totp-key { margin-block-end: var(--_space); }
:where(cognito-mfa) .cognito-field > .cognito-label { margin: 0; }
:where(cognito-mfa) fieldset.cognito-choices > legend { margin-block-end: 0.25rem; padding: 0; }
:where(cognito-mfa) .cognito-links > .cognito-hint { flex-basis: 100%; }
`;
