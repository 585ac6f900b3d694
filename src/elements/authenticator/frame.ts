/**
 * The rules around the authenticator's forms: either its forms or the app's content, never both;
 * the page's header and footer children (shared/slots.ts places them) shown while signed out, for
 * every view (`slot="header"`, `slot="footer"`) or for one (`slot="sign-up-header"`,
 * `slot="mfa-footer"`, ...). The host reflects the view shown as `current-view`, which the per-view
 * rules (and the page's own CSS) select on.
 */
import { FORM_VIEWS } from './views.ts';

const SLOTTED = '[slot$=header],[slot$=footer]';
/** `rule` for the host's children, and for those in the modal's dialog. */
const children = (host: string, child: string) => `${host} > ${child}, ${host} > .cognito-authenticator-dialog > ${child}`;

export const frameStyles: string = /* css */ `
cognito-authenticator:not([signed-in]) > :not(.cognito-authenticator-ui, .cognito-authenticator-dialog, [data-announce], ${SLOTTED}) { display: none !important; }
cognito-authenticator[signed-in] > .cognito-authenticator-ui { display: none; }
${children('cognito-authenticator[signed-in]', `:is(${SLOTTED})`)} { display: none !important; }
cognito-authenticator:is([signed-in], [variation=modal]) { border: 0; padding: 0; max-inline-size: none; background: transparent; }
cognito-authenticator[variation=modal] > .cognito-authenticator-ui { display: none; }
${FORM_VIEWS.map((view) => children(`cognito-authenticator:not([current-view=${view}])`, `[slot^=${view}-]`)).join()} { display: none !important; }
`;
