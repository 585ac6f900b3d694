/**
 * The rules around the authenticator's forms: either its forms or the app's content, never both;
 * the page's header and footer children (shared/slots.ts places them) shown while signed out, for
 * every view (`slot="header"`, `slot="footer"`) or for one (`slot="sign-up-header"`,
 * `slot="mfa-footer"`, ...). The host reflects the view shown as `current-view`, which the per-view
 * rules (and the page's own CSS) select on.
 */
import { FORM_VIEWS } from './views.ts';

const SLOTTED = '[slot$=header],[slot$=footer]';

/**
 * Which header and footer children show: none once signed in, a view's own only in that view. For the
 * host's children (`within` empty) and, with `within` = '.cognito-authenticator-dialog > ', for those the
 * modal's dialog holds (modal.ts adds them when it loads).
 */
export const slottedRules = (within = ''): string => /* css */ `
cognito-authenticator[signed-in] > ${within}:is(${SLOTTED}) { display: none !important; }
${FORM_VIEWS.map((view) => `cognito-authenticator:not([current-view=${view}]) > ${within}[slot^=${view}-]`).join()} { display: none !important; }
`;

export const frameStyles: string = /* css */ `
cognito-authenticator:not([signed-in]) > :not(.cognito-authenticator-ui, .cognito-authenticator-dialog, [data-announce], ${SLOTTED}) { display: none !important; }
cognito-authenticator[signed-in] > .cognito-authenticator-ui { display: none; }
cognito-authenticator:is([signed-in], [variation=modal]) { border: 0; padding: 0; max-inline-size: none; background: transparent; }
cognito-authenticator[variation=modal] > .cognito-authenticator-ui { display: none; }
${slottedRules()}`;
