import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createUser, holdEmulator } from '../../../test/browser/support/core.ts';
import { elementClient as newClient, type } from '../../../test/browser/support/elements.ts';
// Every element, so every module's English strings are registered.
import '../index.ts';
import { englishModules } from '../message-keys.ts';
import type { CognitoSignIn } from '../sign-in/sign-in.component.ts';
import { englishMessages, localeReady, registerLocale, setMessages } from './localize.ts';
import { loadCustomFields } from './form-customization.ts';
import { loadErrorTexts } from './messages.ts';
import ar from './locales/ar.ts';
import de from './locales/de.ts';
import es from './locales/es.ts';
import fr from './locales/fr.ts';
import he from './locales/he.ts';
import id from './locales/id.ts';
import italian from './locales/it.ts';
import ja from './locales/ja.ts';
import ko from './locales/ko.ts';
import nb from './locales/nb.ts';
import nl from './locales/nl.ts';
import pl from './locales/pl.ts';
import ptBR from './locales/pt-BR.ts';
import ru from './locales/ru.ts';
import sv from './locales/sv.ts';
import th from './locales/th.ts';
import tr from './locales/tr.ts';
import uk from './locales/uk.ts';
import zhCN from './locales/zh-CN.ts';

const LOCALES = { ar, de, es, fr, he, id, it: italian, ja, ko, nb, nl, pl, 'pt-BR': ptBR, ru, sv, th, tr, uk, 'zh-CN': zhCN };

async function signIn(lang?: string): Promise<CognitoSignIn> {
  return lang === undefined
    ? fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}></cognito-sign-in>`)
    : fixture<CognitoSignIn>(html`<cognito-sign-in lang=${lang} .client=${newClient()}></cognito-sign-in>`);
}

const title = (el: Element) => el.querySelector('.cognito-heading')!.textContent.trim();
const label = (el: Element, name: string) => {
  const input = el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  return el.querySelector(`label[for="${input.id}"]`)!.textContent.trim();
};

/** A `lang` change reaches elements through a MutationObserver: let it run, then let them render. */
async function afterLanguageChange(el: CognitoSignIn): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}

describe('localization', () => {
  holdEmulator('shared');

  let documentLang: string | null;
  beforeEach(() => {
    documentLang = document.documentElement.getAttribute('lang');
  });
  afterEach(() => {
    if (documentLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', documentLang);
  });

  // The errors' texts register when they load (on demand, once a request is sent), and the custom
  // fields' when a form's configuration asks for them: load them as a page would.
  before(() => Promise.all([loadErrorTexts(), loadCustomFields()]));

  it('every locale has exactly the keys the elements register at run time', () => {
    const english = Object.keys(englishMessages()).sort();
    expect(english.length).to.be.greaterThan(200);
    expect(Object.keys(LOCALES)).to.have.length(19);
    for (const [tag, messages] of Object.entries(LOCALES)) {
      expect(Object.keys(messages).sort(), tag).to.deep.equal(english);
    }
  });

  it('the elements register every messages module, text for text: the keys the types are made from', () => {
    const modules: Record<string, string> = {};
    for (const messages of Object.values(englishModules)) Object.assign(modules, messages);
    expect({ ...englishMessages() }).to.deep.equal(modules);
  });

  it('shows German for lang="de" once the German strings are loaded', async () => {
    const el = await signIn('de');
    await localeReady('de');
    await el.updateComplete;
    expect(title(el)).to.equal(de['signIn.title']);
    expect(title(el)).to.equal('Anmelden');
    expect(label(el, 'username')).to.equal(de['common.username']);
    expect(label(el, 'password')).to.equal(de['common.password']);
    expect(el.querySelector('button[type="submit"]')!.textContent.trim()).to.equal(de['signIn.submit']);
    expect(el.hasAttribute('dir')).to.equal(false);
  });

  it('follows the document’s language when it has none of its own, and changes with it', async () => {
    await localeReady('fr');
    const el = await signIn();
    expect(title(el)).to.equal('Sign in');
    document.documentElement.lang = 'fr';
    await afterLanguageChange(el);
    expect(title(el)).to.equal(fr['signIn.title']);
    expect(label(el, 'password')).to.equal(fr['common.password']);
    document.documentElement.lang = 'en';
    await afterLanguageChange(el);
    expect(title(el)).to.equal('Sign in');
  });

  it('takes the nearest lang: its own over an ancestor’s over the document’s', async () => {
    await Promise.all([localeReady('ja'), localeReady('es')]);
    document.documentElement.lang = 'fr';
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ja"><cognito-sign-in .client=${newClient()}></cognito-sign-in></div>`);
    const el = wrapper.querySelector<CognitoSignIn>('cognito-sign-in')!;
    await el.updateComplete;
    expect(title(el)).to.equal(ja['signIn.title']);
    el.setAttribute('lang', 'es');
    await afterLanguageChange(el);
    expect(title(el)).to.equal(es['signIn.title']);
  });

  it('applies setMessages overrides at once, in English and in another language', async () => {
    await localeReady('de');
    const english = await signIn();
    const german = await signIn('de');
    try {
      setMessages('en', { 'signIn.title': 'Welcome back' });
      await english.updateComplete;
      expect(title(english)).to.equal('Welcome back');
      // German has its own string, so an English override does not show through.
      expect(title(german)).to.equal(de['signIn.title']);
      setMessages('de', { 'signIn.title': 'Willkommen zurück' });
      await german.updateComplete;
      expect(title(german)).to.equal('Willkommen zurück');
      expect(label(german, 'password')).to.equal(de['common.password']);
    } finally {
      setMessages('en', { 'signIn.title': englishMessages()['signIn.title'] });
      setMessages('de', { 'signIn.title': de['signIn.title'] });
    }
  });

  it('shows an app’s label for a custom attribute, and the attribute’s name without one', async () => {
    const labelOf = (el: Element, name: string) => el.querySelector(`label[for="${el.querySelector(`input[name="${name}"]`)!.id}"]`)!.textContent.trim();
    const signUp = () =>
      fixture(
        html`<cognito-sign-up .client=${newClient()} attributes="custom:plan custom:team birthdate" required-attributes="custom:plan custom:team birthdate"></cognito-sign-up>`,
      );
    try {
      setMessages('en', { 'signUp.attribute.custom:plan': 'Your plan', 'signUp.attribute.birthdate': 'Birthday' });
      const el = await signUp();
      expect(labelOf(el, 'custom:plan')).to.equal('Your plan');
      expect(labelOf(el, 'custom:team')).to.equal('team');
      expect(labelOf(el, 'birthdate')).to.equal('Birthday');
    } finally {
      // No string can be taken back: 'plan' is what shows without one.
      setMessages('en', { 'signUp.attribute.custom:plan': 'plan', 'signUp.attribute.birthdate': englishMessages()['signUp.attribute.birthdate'] });
    }
  });

  it('adds a language with registerLocale, falling back to English for strings it lacks', async () => {
    registerLocale('xx', async () => ({ default: { 'signIn.title': 'Xx sign-in', 'common.password': 'Xx password' } }));
    const el = await signIn('xx');
    await localeReady('xx');
    await el.updateComplete;
    expect(title(el)).to.equal('Xx sign-in');
    expect(label(el, 'password')).to.equal('Xx password');
    expect(label(el, 'username')).to.equal('Username');
    // A region of the new language finds it too.
    const regional = await signIn('xx-YY');
    expect(title(regional)).to.equal('Xx sign-in');
  });

  it('falls back from a region to its language (de-AT to de, pt-PT to pt-BR) and from an unknown one to English', async () => {
    // Finnish is not shipped (Korean, the unknown language here before, now is).
    await Promise.all([localeReady('de-AT'), localeReady('pt-PT'), localeReady('fi')]);
    const austrian = await signIn('de-AT');
    const portuguese = await signIn('pt-PT');
    const finnish = await signIn('fi');
    const british = await signIn('en-GB');
    expect(title(austrian)).to.equal(de['signIn.title']);
    expect(title(portuguese)).to.equal(ptBR['signIn.title']);
    expect(label(portuguese, 'password')).to.equal(ptBR['common.password']);
    expect(title(finnish)).to.equal('Sign in');
    expect(label(finnish, 'password')).to.equal('Password');
    expect(title(british)).to.equal('Sign in');
  });

  it('shows Norwegian Bokmål for nb, nb-NO, no, no-NO and nn (Nynorsk readers read Bokmål), and Korean for ko-KR', async () => {
    await Promise.all([localeReady('nb'), localeReady('ko')]);
    for (const lang of ['nb', 'nb-NO', 'no', 'no-NO', 'nn', 'nn-NO']) {
      const el = await signIn(lang);
      expect(title(el), lang).to.equal(nb['signIn.title']);
      expect(label(el, 'password'), lang).to.equal(nb['common.password']);
    }
    expect(nb['signIn.title']).to.equal('Logg inn');
    const korean = await signIn('ko-KR');
    expect(title(korean)).to.equal(ko['signIn.title']);
    expect(title(korean)).to.equal('로그인');
  });

  it('an app’s own Norwegian (no) or Nynorsk (nn) strings win over the shipped Bokmål', async () => {
    registerLocale('nn', async () => ({ default: { 'signIn.title': 'Logg inn (nynorsk)' } }));
    await localeReady('nn');
    const nynorsk = await signIn('nn-NO');
    expect(title(nynorsk)).to.equal('Logg inn (nynorsk)');
    expect(label(nynorsk, 'password')).to.equal('Password');
    const norwegian = await signIn('no');
    expect(title(norwegian)).to.equal(nb['signIn.title']);
  });

  describe('right to left', () => {
    it('renders Arabic right to left, keeps the username left to right, is accessible, and says a wrong password in Arabic', async () => {
      await localeReady('ar');
      const el = await signIn('ar');
      await el.updateComplete;
      expect(title(el)).to.equal(ar['signIn.title']);
      expect(title(el)).to.match(/^[\u0600-\u06FF\s]+$/);
      expect(el.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(el).direction).to.equal('rtl');
      const username = el.querySelector<HTMLInputElement>('input[name="username"]')!;
      expect(username.getAttribute('dir')).to.equal('ltr');
      expect(getComputedStyle(username).direction).to.equal('ltr');
      await expect(el).to.be.accessible();

      await type(username, 'demo');
      await type(el.querySelector<HTMLInputElement>('input[name="password"]')!, 'wrong-password');
      const failed = oneEvent(el, 'cognito-error');
      el.querySelector('form')!.requestSubmit();
      const event = await failed;
      expect(event.detail.code).to.equal('NotAuthorizedException');
      expect(event.detail.message).to.equal(ar['error.NotAuthorizedException']);
      await el.updateComplete;
      const region = el.querySelector('.cognito-error')!;
      expect(region.getAttribute('aria-live')).to.equal('assertive');
      expect(region.textContent).to.equal(ar['error.NotAuthorizedException']);
      expect(region.textContent).not.to.equal(englishMessages()['error.NotAuthorizedException']);
      expect(username.value).to.equal('demo');
      await expect(el).to.be.accessible();
    });

    it('renders Hebrew right to left, keeps the username left to right, and says a wrong password in Hebrew', async () => {
      await localeReady('he');
      const el = await signIn('he');
      await el.updateComplete;
      expect(title(el)).to.equal(he['signIn.title']);
      expect(title(el)).to.match(/^[\u0590-\u05FF\s]+$/);
      expect(el.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(el).direction).to.equal('rtl');
      const username = el.querySelector<HTMLInputElement>('input[name="username"]')!;
      expect(getComputedStyle(username).direction).to.equal('ltr');
      await expect(el).to.be.accessible();

      // A user of its own: wrong passwords for the shared demo user add up across test files to Cognito's lockout.
      const user = await createUser({ prefix: 'hebrew' });
      await type(username, user.username);
      await type(el.querySelector<HTMLInputElement>('input[name="password"]')!, 'wrong-password');
      const failed = oneEvent(el, 'cognito-error');
      el.querySelector('form')!.requestSubmit();
      const event = await failed;
      expect(event.detail.code).to.equal('NotAuthorizedException');
      expect(event.detail.message).to.equal(he['error.NotAuthorizedException']);
      await el.updateComplete;
      expect(el.querySelector('.cognito-error')!.textContent).to.equal(he['error.NotAuthorizedException']);
      await expect(el).to.be.accessible();

      // A region finds Hebrew, right to left too.
      const israeli = await signIn('he-IL');
      expect(title(israeli)).to.equal(he['signIn.title']);
      expect(israeli.getAttribute('dir')).to.equal('rtl');
    });

    it('goes back to left to right when the language changes, unless the page set dir itself', async () => {
      await localeReady('ar');
      const el = await signIn('ar');
      await el.updateComplete;
      expect(el.getAttribute('dir')).to.equal('rtl');
      el.setAttribute('lang', 'en');
      await afterLanguageChange(el);
      expect(el.hasAttribute('dir')).to.equal(false);
      expect(getComputedStyle(el).direction).to.equal('ltr');

      const pinned = await fixture<CognitoSignIn>(html`<cognito-sign-in lang="ar" dir="ltr" .client=${newClient()}></cognito-sign-in>`);
      expect(title(pinned)).to.equal(ar['signIn.title']);
      expect(pinned.getAttribute('dir')).to.equal('ltr');
    });
  });
});
