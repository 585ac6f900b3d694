/**
 * One stylesheet for every element, adopted once into whatever root holds them (the document, or
 * a shadow root of the app's), because the forms live in light DOM (architecture decision 3).
 * Selectors are scoped to the element names; the look is themed with --cognito-* custom properties
 * and follows prefers-color-scheme. Class names on the inner nodes are stable: style them freely.
 */
const ELEMENTS =
  'cognito-sign-in, cognito-mfa, cognito-new-password, cognito-forgot-password, cognito-sign-up, cognito-attributes, cognito-account, cognito-authenticator';

export const css: string = /* css */ `
:where(${ELEMENTS}) {
  --_bg: var(--cognito-background, #ffffff);
  --_fg: var(--cognito-color, #1b1f24);
  --_muted: var(--cognito-muted-color, #57606a);
  --_border: var(--cognito-border-color, #8c959f);
  --_accent: var(--cognito-accent, #0a58ca);
  --_accent-fg: var(--cognito-accent-color, #ffffff);
  --_danger: var(--cognito-danger, #b42318);
  --_success: var(--cognito-success, #1a7f37);
  --_field-bg: var(--cognito-field-background, #ffffff);
  --_radius: var(--cognito-radius, 8px);
  --_space: var(--cognito-spacing, 1rem);
  --_font: var(--cognito-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --_font-size: var(--cognito-font-size, 1rem);
  --_width: var(--cognito-max-width, 24rem);
  --_focus: var(--cognito-focus-ring, #0a58ca);
  display: block;
  max-inline-size: var(--_width);
  color: var(--_fg);
  background: var(--_bg);
  font-family: var(--_font);
  font-size: var(--_font-size);
  line-height: 1.5;
  /* What the page sets for its own text must not reach the forms (Vite's template centres #app). */
  font-style: normal;
  font-weight: normal;
  text-align: start;
  text-indent: 0;
  text-transform: none;
  text-shadow: none;
  letter-spacing: normal;
  word-spacing: normal;
  white-space: normal;
  box-sizing: border-box;
  padding: calc(var(--_space) * 1.5);
  border-radius: var(--_radius);
  border: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
}
/*
 * An element inside another sits in the outer one's card: the authenticator's forms (the app's own
 * content inside it keeps its look), <cognito-forgot-password>'s code step (a <cognito-new-password
 * mode="reset">) and the authenticator-app setup in <cognito-account>.
 */
:where(cognito-authenticator > .cognito-authenticator-ui) :where(${ELEMENTS}),
:where(cognito-forgot-password) :where(cognito-new-password),
:where(cognito-account) :where(cognito-mfa) { border: 0; padding: 0; max-inline-size: none; background: transparent; }
@media (prefers-color-scheme: dark) {
  :where(${ELEMENTS}) {
    --_bg: var(--cognito-background, #161b22);
    --_fg: var(--cognito-color, #e6edf3);
    --_muted: var(--cognito-muted-color, #9da7b3);
    --_border: var(--cognito-border-color, #6e7681);
    --_accent: var(--cognito-accent, #4493f8);
    --_accent-fg: var(--cognito-accent-color, #0d1117);
    --_danger: var(--cognito-danger, #ff7b72);
    --_success: var(--cognito-success, #3fb950);
    --_field-bg: var(--cognito-field-background, #0d1117);
    --_focus: var(--cognito-focus-ring, #4493f8);
  }
}
:where(${ELEMENTS}) *, :where(${ELEMENTS}) *::before, :where(${ELEMENTS}) *::after { box-sizing: border-box; }
:where(${ELEMENTS}) .cognito-heading { font-size: 1.375em; line-height: 1.25; margin: 0 0 var(--_space); font-weight: 650; }
:where(${ELEMENTS}) .cognito-heading:focus { outline: none; }
:where(${ELEMENTS}) .cognito-heading:focus-visible { outline: 2px solid var(--_focus); outline-offset: 0.25em; border-radius: 0.25em; }
:where(${ELEMENTS}) .cognito-text { margin: 0 0 var(--_space); color: var(--_muted); }
:where(${ELEMENTS}) .cognito-form { display: grid; gap: var(--_space); margin: 0; }
:where(${ELEMENTS}) .cognito-field { display: grid; gap: 0.375rem; }
:where(${ELEMENTS}) .cognito-label { font-weight: 600; font-size: 0.9375em; }
:where(${ELEMENTS}) .cognito-hint { font-size: 0.875em; color: var(--_muted); margin: 0; }
:where(${ELEMENTS}) .cognito-input {
  font: inherit; color: var(--_fg); background: var(--_field-bg);
  border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.75);
  padding: 0.625rem 0.75rem; inline-size: 100%; min-block-size: 2.75rem;
}
:where(${ELEMENTS}) .cognito-input:focus-visible { outline: 2px solid var(--_focus); outline-offset: 1px; border-color: var(--_focus); }
:where(${ELEMENTS}) .cognito-input[aria-invalid="true"] { border-color: var(--_danger); }
:where(${ELEMENTS}) .cognito-input--code { letter-spacing: 0.3em; font-variant-numeric: tabular-nums; }
:where(${ELEMENTS}) .cognito-button {
  font: inherit; font-weight: 600; cursor: pointer; border-radius: calc(var(--_radius) * 0.75);
  min-block-size: 2.75rem; padding: 0.625rem 1rem; border: 1px solid var(--_accent);
  background: var(--_accent); color: var(--_accent-fg);
  display: inline-flex; align-items: center; justify-content: center; gap: 0.5rem;
}
:where(${ELEMENTS}) .cognito-button--secondary { background: transparent; color: var(--_accent); }
:where(${ELEMENTS}) .cognito-button--danger { background: var(--_danger); border-color: var(--_danger); color: var(--_accent-fg); }
:where(${ELEMENTS}) .cognito-button:focus-visible, :where(${ELEMENTS}) .cognito-link:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
:where(${ELEMENTS}) .cognito-button[disabled] { cursor: progress; opacity: 0.75; }
:where(${ELEMENTS}) .cognito-spinner {
  inline-size: 1em; block-size: 1em; border-radius: 50%;
  border: 2px solid currentColor; border-inline-end-color: transparent;
  animation: cognito-spin 0.8s linear infinite;
}
@media (prefers-reduced-motion: reduce) { :where(${ELEMENTS}) .cognito-spinner { animation-duration: 2.4s; } }
@keyframes cognito-spin { to { transform: rotate(360deg); } }
:where(${ELEMENTS}) .cognito-link {
  font: inherit; background: none; border: 0; padding: 0; cursor: pointer;
  color: var(--_accent); text-decoration: underline; text-underline-offset: 0.2em;
}
:where(${ELEMENTS}) .cognito-form + .cognito-links { margin-block-start: var(--_space); }
/* Apart enough, side by side or wrapped one above the other, to read (and tap) as two links. */
:where(${ELEMENTS}) .cognito-links { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.75rem 1.5rem; font-size: 0.9375em; }
:where(${ELEMENTS}) .cognito-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
:where(${ELEMENTS}) .cognito-actions > .cognito-button { flex: 1 1 auto; }
:where(${ELEMENTS}) .cognito-error { color: var(--_danger); font-weight: 500; margin: 0; }
:where(${ELEMENTS}) .cognito-field-error { font-size: 0.875em; } /* under its input, like a hint */
/* Empty live regions stay in the accessibility tree (so later text is announced) but out of the layout. */
:where(${ELEMENTS}) .cognito-error:empty, :where(${ELEMENTS}) .cognito-status:empty { position: absolute; }
:where(${ELEMENTS}) .cognito-status { color: var(--_success); margin: 0; }
:where(${ELEMENTS}) .cognito-policy { list-style: none; margin: 0; padding: 0; font-size: 0.875em; color: var(--_muted); display: grid; gap: 0.125rem; }
:where(${ELEMENTS}) .cognito-policy [data-met="true"] { color: var(--_success); }
:where(${ELEMENTS}) .cognito-policy [data-met]::before { content: "○ "; }
:where(${ELEMENTS}) .cognito-policy [data-met="true"]::before { content: "✓ "; }
:where(${ELEMENTS}) .cognito-choices { display: grid; gap: 0.5rem; border: 0; margin: 0; padding: 0; }
:where(${ELEMENTS}) .cognito-choice { display: flex; gap: 0.5rem; align-items: center; }
:where(${ELEMENTS}) .cognito-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
:where(${ELEMENTS}) .cognito-list-item { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; padding: 0.5rem 0; border-block-end: 1px solid color-mix(in srgb, var(--_border) 40%, transparent); }
:where(${ELEMENTS}) .cognito-section { display: grid; gap: var(--_space); margin-block-end: calc(var(--_space) * 1.5); }
:where(${ELEMENTS}) .cognito-subheading { font-size: 1.0625em; margin: 0; font-weight: 650; }
:where(${ELEMENTS}) .cognito-qr { inline-size: 12rem; block-size: 12rem; background: #fff; padding: 0.5rem; border-radius: calc(var(--_radius) * 0.5); }
:where(${ELEMENTS}) .cognito-secret { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
:where(${ELEMENTS}) .cognito-visually-hidden {
  position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
/* An element with nothing to show (e.g. waiting for its sign-in step) carries the hidden attribute. */
:where(${ELEMENTS})[hidden] { display: none; }
/* <cognito-attributes> and <cognito-account>: attribute rows, verification badges, devices, inline confirmations. */
:where(cognito-account) :where(cognito-mfa) .cognito-heading { font-size: 1em; margin-block-end: 0.5rem; }
:where(cognito-attributes, cognito-account) .cognito-list-item > dt { margin: 0; }
:where(cognito-attributes, cognito-account) .cognito-attribute-value { margin: 0; display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 0.5rem; text-align: end; overflow-wrap: anywhere; }
:where(cognito-attributes, cognito-account) .cognito-badge { font-size: 0.8125em; font-weight: 600; padding: 0 0.5em; border-radius: 999px; border: 1px solid currentColor; color: var(--_muted); }
:where(cognito-attributes, cognito-account) .cognito-badge[data-verified="true"] { color: var(--_success); }
:where(cognito-attributes, cognito-account) .cognito-confirm { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
:where(cognito-attributes, cognito-account) .cognito-device { display: grid; justify-items: start; gap: 0.125rem; min-inline-size: 0; overflow-wrap: anywhere; }
/* <cognito-mfa>: the TOTP setup key with its copy button, and the choice legends (<cognito-account> has them too). */
:where(cognito-mfa) .cognito-secret-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
:where(cognito-mfa) .cognito-secret-row > .cognito-secret { flex: 1 1 12ch; font-size: 1.0625em; letter-spacing: 0.05em; word-break: normal; overflow-wrap: anywhere; }
:where(cognito-mfa) .cognito-qr { display: block; margin-block-end: var(--_space); }
:where(cognito-mfa) .cognito-totp-key { margin-block-end: var(--_space); }
:where(cognito-mfa) .cognito-field > .cognito-label { margin: 0; }
:where(cognito-account, cognito-mfa) fieldset.cognito-choices > legend { margin-block-end: 0.25rem; padding: 0; }
/* A choice's hint ("Add a phone number first") goes on a line of its own, not squeezing its label into a column. */
:where(cognito-account) .cognito-choice { flex-wrap: wrap; }
:where(cognito-account) .cognito-choice > .cognito-hint { flex-basis: 100%; margin: 0; padding-inline-start: 1.5rem; }
/* Why the user is back at the sign-in (their session ended elsewhere): information, not an error. */
:where(cognito-sign-in) .cognito-notice { margin: 0 0 var(--_space); }
:where(cognito-mfa) .cognito-links > .cognito-hint { flex-basis: 100%; }
/* <cognito-authenticator>: its forms or the app's content inside it, never both. */
cognito-authenticator:not([signed-in]) > :not(.cognito-authenticator-ui, [data-announce]) { display: none !important; }
cognito-authenticator[signed-in] > .cognito-authenticator-ui { display: none; }
cognito-authenticator[signed-in] { border: 0; padding: 0; max-inline-size: none; background: transparent; }
`;

let sheet: CSSStyleSheet | undefined;
const styled = new WeakSet<Node>();

/** Adopts the shared sheet into the root `element` lives in (once per root). */
export function adoptStyles(element: Element): void {
  const root = element.getRootNode() as Document | ShadowRoot;
  if (styled.has(root)) return;
  styled.add(root);
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    sheet ??= new CSSStyleSheet();
    if (sheet.cssRules.length === 0) sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // Older engines: a <style> element in the root instead.
  const style = document.createElement('style');
  style.textContent = css;
  (root instanceof Document ? root.head : root).append(style);
}
