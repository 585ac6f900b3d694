/**
 * One stylesheet for every element, adopted once into whatever root holds them (the document, or
 * a shadow root of the app's), because the forms live in light DOM (architecture decision 3).
 * Selectors are scoped to the element names; the look is themed with --cognito-* custom properties
 * and follows prefers-color-scheme. Class names on the inner nodes are stable: style them freely.
 *
 * `css` here is what every form uses (the sign-in form needs nothing else); the rules only some
 * elements use come with the modules that render them (the password checklist, the TOTP set-up,
 * the signed-in user's pages), which add them to the same sheet with addStyles when they load.
 */
/** Every element's name, the scope of the rules they share. */
export const ELEMENTS =
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
:where(${ELEMENTS}) .cognito-choices { display: grid; gap: 0.5rem; border: 0; margin: 0; padding: 0; }
:where(${ELEMENTS}) .cognito-choice { display: flex; gap: 0.5rem; align-items: center; }
:where(${ELEMENTS}) .cognito-visually-hidden {
  position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
/* An element with nothing to show (e.g. waiting for its sign-in step) carries the hidden attribute. */
:where(${ELEMENTS})[hidden] { display: none; }
/* Why the user is back at the sign-in (their session ended elsewhere): information, not an error. */
:where(cognito-sign-in) .cognito-notice { margin: 0 0 var(--_space); }
/* The page's header and footer children (shared/slots.ts keeps them around the form); <cognito-authenticator>'s own rules are in its frame.ts. */
:where(${ELEMENTS}) > :where([slot$=header]) { margin-block-end: var(--_space); }
:where(${ELEMENTS}) > :where([slot$=footer]) { margin-block-start: var(--_space); }
`;

let sheet: CSSStyleSheet | undefined;
/** The rules in the sheet, in the order they were added (later rules win a tie, as in one file). */
const parts = [css];
/** Older engines' <style> elements, one per root, kept to receive rules added later. */
const styleElements = new Set<HTMLStyleElement>();
const styled = new WeakSet<Node>();

/**
 * Adds rules to the shared sheet, once, wherever it is already adopted too: a module calls this
 * when it loads, so its rules are in place before anything it renders.
 */
export function addStyles(rules: string): void {
  if (parts.includes(rules)) return;
  parts.push(rules);
  const text = parts.join('');
  sheet?.replaceSync(text);
  for (const style of styleElements) style.textContent = text;
}

/** Adopts the shared sheet into the root `element` lives in (once per root). */
export function adoptStyles(element: Element): void {
  const root = element.getRootNode() as Document | ShadowRoot;
  if (styled.has(root)) return;
  styled.add(root);
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(parts.join(''));
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // Older engines: a <style> element in the root instead.
  const style = document.createElement('style');
  style.textContent = parts.join('');
  styleElements.add(style);
  (root instanceof Document ? root.head : root).append(style);
}
