// Layout and direction details from issue 13, measured in the real browser.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createUser, newClient } from '../../../test/browser/support/core.ts';
import '../index.ts';

/** How many lines the text of an element takes (its line boxes). */
function lines(el: Element): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
}

describe('layout', () => {
  it('keeps the sign-in links apart, side by side and wrapped one above the other', async () => {
    for (const width of ['24rem', '18rem']) {
      const el = await fixture(html`<div style="inline-size: ${width}"><cognito-sign-in .client=${newClient().client}></cognito-sign-in></div>`);
      const [a, b] = [...el.querySelectorAll('.cognito-links > button')].map((link) => link.getBoundingClientRect());
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      const apart = b.top >= a.bottom ? b.top - a.bottom : b.left - a.right;
      expect(apart, `links at ${width}`).to.be.at.least(0.75 * rem);
    }
  });

  it('gives a focused heading room around its outline', async () => {
    const el = await fixture(html`<cognito-sign-in .client=${newClient().client}></cognito-sign-in>`);
    const heading = el.querySelector<HTMLElement>('.cognito-heading')!;
    await sendKeys({ press: 'Tab' }); // keyboard modality, so the script focus below is focus-visible
    heading.focus();
    expect(heading.matches(':focus-visible')).to.equal(true);
    const style = getComputedStyle(heading);
    expect(parseFloat(style.outlineOffset)).to.be.at.least(parseFloat(style.fontSize) * 0.25 - 0.5);
    expect(style.borderTopLeftRadius).not.to.equal('0px');
  });

  it('an element with lang="en" on a right-to-left page is left to right', async () => {
    const page = await fixture(html`<div dir="rtl" lang="ar"><cognito-sign-in lang="en" .client=${newClient().client}></cognito-sign-in></div>`);
    const el = page.querySelector('cognito-sign-in')!;
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(getComputedStyle(el).direction).to.equal('ltr');
  });

  it('"Text message (SMS)" stays on one line in the MFA settings, its hint on a line of its own', async () => {
    // A user without a phone number: SMS is offered with the hint to add one first.
    const user = await createUser({ attributes: { email: `layout-${crypto.randomUUID().slice(0, 8)}@example.com`, email_verified: 'true' } });
    const { client } = newClient({ storage: 'memory', autoRefresh: false });
    await client.signIn({ username: user.username, password: user.password });
    const el = await fixture(html`<div style="inline-size: 24rem"><cognito-account .client=${client} lang="en"></cognito-account></div>`);
    await waitUntil(() => [...el.querySelectorAll('[data-section="mfa"] label')].some((l) => l.textContent === 'Text message (SMS)'), 'no SMS choice');
    const choice = [...el.querySelectorAll('[data-section="mfa"] label')].find((l) => l.textContent === 'Text message (SMS)')!;
    expect(lines(choice)).to.equal(1);
    const hint = choice.parentElement!.querySelector('.cognito-hint')!;
    expect(hint.getBoundingClientRect().top).to.be.at.least(choice.getBoundingClientRect().bottom - 1);
  });
});
