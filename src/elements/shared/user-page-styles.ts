/**
 * The rules only the signed-in user's pages use (<cognito-account>, <cognito-attributes>):
 * attribute rows, verification badges, devices, sections, inline confirmations. user-controller.ts,
 * which both pages use, adds them to the shared sheet (styles.ts) when it loads.
 */
export const userPageStyles: string = /* css */ `
:where(cognito-attributes, cognito-account) .cognito-button--danger { background: var(--_danger); border-color: var(--_danger); color: var(--_accent-fg); }
:where(cognito-attributes, cognito-account) .cognito-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
:where(cognito-attributes, cognito-account) .cognito-list-item { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; padding: 0.5rem 0; border-block-end: 1px solid color-mix(in srgb, var(--_border) 40%, transparent); }
:where(cognito-account) .cognito-section { display: grid; gap: var(--_space); margin-block-end: calc(var(--_space) * 1.5); }
:where(cognito-account) .cognito-subheading { font-size: 1.0625em; margin: 0; font-weight: 650; }
:where(cognito-account) :where(cognito-mfa) .cognito-heading { font-size: 1em; margin-block-end: 0.5rem; }
:where(cognito-attributes, cognito-account) .cognito-list-item > dt { margin: 0; }
:where(cognito-attributes, cognito-account) .cognito-attribute-value { margin: 0; display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 0.5rem; text-align: end; overflow-wrap: anywhere; }
:where(cognito-attributes, cognito-account) .cognito-badge { font-size: 0.8125em; font-weight: 600; padding: 0 0.5em; border-radius: 999px; border: 1px solid currentColor; color: var(--_muted); }
:where(cognito-attributes, cognito-account) .cognito-badge[data-verified="true"] { color: var(--_success); }
:where(cognito-attributes, cognito-account) .cognito-confirm { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
:where(cognito-attributes, cognito-account) .cognito-device { display: grid; justify-items: start; gap: 0.125rem; min-inline-size: 0; overflow-wrap: anywhere; }
:where(cognito-account) fieldset.cognito-choices > legend { margin-block-end: 0.25rem; padding: 0; }
/* A choice's hint ("Add a phone number first") goes on a line of its own, not squeezing its label into a column. */
:where(cognito-account) .cognito-choice { flex-wrap: wrap; }
:where(cognito-account) .cognito-choice > .cognito-hint { flex-basis: 100%; margin: 0; padding-inline-start: 1.5rem; }
`;
