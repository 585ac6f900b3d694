import { expect, fixture, html } from '@open-wc/testing';
import { expectFormsReadable, newClient } from '../../../test/browser/support/theme.ts';
import '../index.ts';

// The dark scheme needs emulateMedia, which only the Chromium launcher offers: theme-dark.chromium.test.ts.
describe('theme', () => {
  it('keeps every form readable (axe contrast) in the light scheme', () => expectFormsReadable('light'));

  it('takes its colours from --cognito-* custom properties', async () => {
    const el = await fixture(html`<cognito-sign-in style="--cognito-accent: rgb(200, 0, 100); --cognito-radius: 2px" .client=${newClient()}></cognito-sign-in>`);
    const button = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(200, 0, 100)');
    expect(getComputedStyle(el).borderTopLeftRadius).to.equal('2px');
  });
});
