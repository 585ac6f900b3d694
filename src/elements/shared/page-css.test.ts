// The light-DOM forms must not inherit what a page sets for its own text (issue 13): Vite's starter
// template puts `text-align: center` on #app, which centred every label. The kit's stylesheet resets
// the inherited text properties at each element's root with :where() (no specificity), so the page
// can still style the kit's classes on purpose.
import { expect, fixture, html } from '@open-wc/testing';
import { CognitoClient } from '../../core/index.ts';
import { emulatorUrl } from '../../../test/browser/emulator-url.ts';
import '../sign-in/sign-in.ts';

const HOSTILE = `
  #app { max-width: 1280px; margin: 0 auto; padding: 2rem; text-align: center; } /* Vite's template */
  body { letter-spacing: 4px; word-spacing: 12px; text-transform: uppercase; text-indent: 40px; line-height: 3;
         white-space: nowrap; font-style: italic; font-weight: 300; text-shadow: 1px 1px red; }
`;

describe('a page with hostile global CSS', () => {
  let style: HTMLStyleElement;
  beforeEach(() => {
    style = document.head.appendChild(Object.assign(document.createElement('style'), { textContent: HOSTILE }));
  });
  afterEach(() => style.remove());

  it("does not reach the form: labels, text and the card keep the kit's text layout", async () => {
    const client = new CognitoClient({
      userPoolId: 'us-east-1_DemoPool1',
      clientId: 'democlient0000000000000001',
      endpoint: emulatorUrl(),
      storage: 'memory',
      autoRefresh: false,
    });
    const app = await fixture(html`<div id="app"><cognito-sign-in .client=${client}></cognito-sign-in></div>`);
    const el = app.querySelector('cognito-sign-in')!;
    for (const node of [el, el.querySelector('.cognito-label')!, el.querySelector('.cognito-heading')!]) {
      const s = getComputedStyle(node);
      expect(s.textAlign, `${node.className || node.localName} text-align`).to.equal('start');
      expect(s.letterSpacing).to.equal('normal');
      expect(s.wordSpacing).to.equal('0px');
      expect(s.textTransform).to.equal('none');
      expect(s.textIndent).to.equal('0px');
      expect(s.whiteSpace).to.equal('normal');
      expect(s.fontStyle).to.equal('normal');
      expect(s.textShadow).to.equal('none');
      // The kit's own line heights (1.5, 1.25 for headings), not the page's 3.
      expect(parseFloat(s.lineHeight) / parseFloat(s.fontSize)).to.be.below(2);
    }
    client.dispose();
  });

  it("still lets the page style the kit's classes (the reset adds no specificity)", async () => {
    style.textContent += '.cognito-label { letter-spacing: 2px; text-align: right; }';
    const client = new CognitoClient({
      userPoolId: 'us-east-1_DemoPool1',
      clientId: 'democlient0000000000000001',
      endpoint: emulatorUrl(),
      storage: 'memory',
      autoRefresh: false,
    });
    const el = await fixture(html`<cognito-sign-in .client=${client}></cognito-sign-in>`);
    const label = getComputedStyle(el.querySelector('.cognito-label')!);
    expect(label.letterSpacing).to.equal('2px');
    expect(label.textAlign).to.equal('right');
    client.dispose();
  });
});
