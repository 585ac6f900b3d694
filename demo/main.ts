/// <reference types="vite/client" />
// The demo page: every element of the kit against the local Cognito emulator (or your own pool),
// with the seeded users, the codes the emulator "sent", every event the elements fire, and the
// theme and language switchers. Everything is rendered with Lit templates: data goes in as text.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import { Secret, TOTP } from 'otpauth';
import { type CognitoClient, type CognitoEventName, type Session, sharedClient } from '../src/index.ts';
import {
  DEMO_PASSWORD_POLICY,
  DEMO_USERS,
  type DemoUser,
  EMULATOR_POOL,
  EMULATOR_URL,
  EVENT_NAMES,
  LANGUAGES,
  type PoolConfig,
  THEME_CSS,
  type Theme,
  THEMES,
  themeProperties,
} from './data.ts';
import { adoptBrandStyles, brandedAuthenticator, customizeSource, PLANS } from './customize.ts';
import { type LogEntry, summarize } from './event-log.ts';
import { deepLink, type OutboxEntry, type OutboxMessage, outboxEntries } from './outbox.ts';
import './styles.css';

type Tab = 'authenticator' | 'sign-in' | 'sign-up' | 'forgot-password' | 'customize';

const TABS: { id: Tab; name: string; about: TemplateResult }[] = [
  {
    id: 'authenticator',
    name: 'Authenticator',
    about: html`<code>&lt;cognito-authenticator&gt;</code> runs the whole journey: sign in, every MFA step, a new password,
      sign-up and password reset. Once signed in it shows what the app put inside it: here a greeting,
      <code>&lt;cognito-attributes&gt;</code> and <code>&lt;cognito-account&gt;</code>.`,
  },
  {
    id: 'sign-in',
    name: 'Sign in + MFA',
    about: html`Three separate elements that name the same pool and app client, so they share one client: the sign-in
      starts in <code>&lt;cognito-sign-in&gt;</code>, and <code>&lt;cognito-mfa&gt;</code> or
      <code>&lt;cognito-new-password&gt;</code> shows the next step.`,
  },
  {
    id: 'sign-up',
    name: 'Sign up',
    about: html`<code>&lt;cognito-sign-up&gt;</code> asks for a name and an email, checks the password against the pool's
      policy as you type, then asks for the code (find it in the outbox).`,
  },
  {
    id: 'forgot-password',
    name: 'Forgot password',
    about: html`<code>&lt;cognito-forgot-password&gt;</code> has a code sent (find it in the outbox), then sets the new
      password.`,
  },
  {
    id: 'customize',
    name: 'Customize',
    about: html`The authenticator as a product's own: a logo header, a line on sign-up only and a legal footer (children with
      <code>slot="header"</code>, <code>"sign-up-header"</code>, <code>"footer"</code>); its accent, corners and font
      (<code>--cognito-*</code> properties on its class); a sign-up form with a plan sent to Cognito as <code>custom:plan</code>, a
      phone number with a country selector (sent as E.164) and a terms box that must be ticked and is not sent
      (<code>formFields</code>); a check before sending (no spaces in the username, no reserved name, a display name of 2 characters
      or more) and usernames sent in lower case (<code>hooks</code>). With <code>routing="hash"</code> the view is in the address
      bar (<code>#/sign-up</code>): Back works and a view can be linked. This page keeps its own tabs out of the URL, so the two never
      clash, and a page opened at a <code>#/</code> view opens this tab; the outbox's sign-up and reset codes come as the links a
      Cognito custom message would send. The labels are the page's own (English here). All of it is below; the cookbook is
      <code>docs/customization.md</code>.`,
  },
];

/** A hash that is a view of the Customize tab's authenticator (routing="hash": `#/sign-up`), not one of the page's own. */
const viewInHash = () => location.hash.startsWith('#/');

const STORAGE_KEY = 'cognito-elements-demo';
/**
 * WebAuthn needs a host name: passkeys are offered when the page is opened at localhost (the demo
 * pool's relying party), not at 127.0.0.1.
 */
const PASSKEYS = location.hostname === 'localhost';
const TOTP_PERIOD = 30;
const MAX_LOG = 200;

interface Saved {
  theme?: Theme;
  lang?: string;
  tab?: Tab;
  pool?: PoolConfig;
}

function loadSaved(): Saved {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Saved;
  } catch {
    return {};
  }
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function formatClaim(name: string, value: unknown): string {
  if ((name === 'exp' || name === 'iat' || name === 'auth_time') && typeof value === 'number') {
    return `${value} (${new Date(value * 1000).toLocaleString()})`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Sets a light-DOM input's value as a user (or a password manager) would, and says so. */
function fill(input: HTMLInputElement | null | undefined, value: string): void {
  if (!input) return;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export class DemoApp extends LitElement {
  static override properties = {
    pool: { state: true },
    tab: { state: true },
    theme: { state: true },
    lang: { state: true },
    session: { state: true },
    outbox: { state: true },
    emulatorStatus: { state: true },
    events: { state: true },
    now: { state: true },
    notice: { state: true },
    poolError: { state: true },
    resetError: { state: true },
    busy: { state: true },
    handoffUsername: { state: true },
  };

  declare pool: PoolConfig;
  declare tab: Tab;
  declare theme: Theme;
  declare lang: string;
  declare session?: Session;
  declare outbox?: OutboxEntry[];
  declare emulatorStatus: 'checking' | 'reachable' | 'unreachable';
  declare events: LogEntry[];
  declare now: number;
  declare notice: string;
  declare poolError: string;
  declare resetError: string;
  declare busy: boolean;
  /** A username handed from one standalone element to the next (e.g. sign-in -> forgot password). */
  declare handoffUsername?: string;

  private followed?: CognitoClient;
  private timers: number[] = [];
  private nextLogId = 0;
  private savedText = '';
  private readonly totp = new TOTP({
    secret: Secret.fromBase32(DEMO_USERS.find((u) => u.totpSecret)?.totpSecret ?? ''),
    digits: 6,
    period: TOTP_PERIOD,
    algorithm: 'SHA1',
  });

  constructor() {
    super();
    const saved = loadSaved();
    this.pool = saved.pool?.userPoolId && saved.pool.clientId && !saved.pool.endpoint ? saved.pool : EMULATOR_POOL;
    // A link to one of the Customize tab's views (e.g. a confirm link from the outbox) opens that tab.
    this.tab = viewInHash() ? 'customize' : TABS.some((t) => t.id === saved.tab) ? saved.tab! : 'authenticator';
    this.theme = THEMES.some((t) => t.id === saved.theme) ? saved.theme! : 'system';
    // eslint-disable-next-line wc/no-constructor-attributes -- `lang` is a Lit state property here (shadowing HTMLElement's), not the attribute
    this.lang = LANGUAGES.some((l) => l.tag === saved.lang) ? saved.lang! : 'en';
    this.emulatorStatus = 'checking';
    this.events = [];
    this.now = Date.now();
    this.notice = '';
    this.poolError = '';
    this.resetError = '';
    this.busy = false;
  }

  /** The page's own styles apply: render into the element itself, like the kit's elements. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get usingEmulator(): boolean {
    return this.pool.endpoint !== undefined;
  }

  /** The client the elements on the page share (same pool, client, region and endpoint). */
  private get client(): CognitoClient {
    return sharedClient({ userPoolId: this.pool.userPoolId, clientId: this.pool.clientId, region: this.pool.region, endpoint: this.pool.endpoint });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const name of EVENT_NAMES) document.addEventListener(name, this.onKitEvent);
    document.addEventListener('cognito-navigate', this.onNavigate);
    document.addEventListener('visibilitychange', this.onVisibility);
    addEventListener('popstate', this.onUrl);
    addEventListener('hashchange', this.onUrl);
    adoptBrandStyles();
    this.timers.push(window.setInterval(() => (this.now = Date.now()), 1000));
    this.timers.push(window.setInterval(() => this.pollOutbox(), 2000));
    this.follow();
    void this.pollOutbox();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const name of EVENT_NAMES) document.removeEventListener(name, this.onKitEvent);
    document.removeEventListener('cognito-navigate', this.onNavigate);
    document.removeEventListener('visibilitychange', this.onVisibility);
    removeEventListener('popstate', this.onUrl);
    removeEventListener('hashchange', this.onUrl);
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.unfollow();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Another tab shown: the Customize tab's view leaves the address bar (its authenticator is gone).
    if (changed.has('tab') && this.tab !== 'customize' && viewInHash()) history.replaceState(history.state, '', location.pathname + location.search);
    // The page's own colours follow the theme too (the elements' come from the wrapper's properties).
    document.documentElement.dataset.theme = this.theme;
    const saved: Saved = { theme: this.theme, lang: this.lang, tab: this.tab, pool: this.usingEmulator ? undefined : this.pool };
    const text = JSON.stringify(saved);
    if (text !== this.savedText) {
      this.savedText = text;
      localStorage.setItem(STORAGE_KEY, text);
    }
  }

  // -------------------------------------------------------------------------------------------
  // The session, for the greeting

  private follow(): void {
    const client = this.client;
    if (client === this.followed) return;
    this.unfollow();
    this.followed = client;
    client.addEventListener('signed-in', this.onSession);
    client.addEventListener('tokens-refreshed', this.onSession);
    client.addEventListener('signed-out', this.onSignedOut);
    this.session = undefined;
    client.getSession().then(
      (session) => {
        if (this.followed === client) this.session = session;
      },
      () => undefined,
    );
  }

  private unfollow(): void {
    this.followed?.removeEventListener('signed-in', this.onSession);
    this.followed?.removeEventListener('tokens-refreshed', this.onSession);
    this.followed?.removeEventListener('signed-out', this.onSignedOut);
    this.followed = undefined;
  }

  private onSession = (event: CustomEvent<{ session: Session }>) => {
    this.session = event.detail.session;
    this.notice = '';
  };

  private onSignedOut = () => {
    this.session = undefined;
  };

  private async signOut(): Promise<void> {
    try {
      await this.client.signOut();
    } catch {
      // signOut always clears the local session; a failed revocation is already reported as a warning.
    }
  }

  // -------------------------------------------------------------------------------------------
  // Event log

  private onKitEvent = (event: Event) => {
    const name = event.type as CognitoEventName;
    const target = event.target instanceof Element ? event.target.localName : '';
    const entry: LogEntry = { id: ++this.nextLogId, time: new Date(), name, source: target, summary: summarize(name, (event as CustomEvent).detail) };
    this.events = [entry, ...this.events].slice(0, MAX_LOG);
  };

  /** Links in the standalone elements switch tabs (the authenticators handle their own). */
  private onNavigate = (e: Event) => {
    const event = e as HTMLElementEventMap['cognito-navigate'];
    if (event.defaultPrevented || this.tab === 'authenticator' || this.tab === 'customize') return;
    const to = event.detail.to as Tab;
    if (!TABS.some((t) => t.id === to)) return;
    event.preventDefault();
    this.handoffUsername = event.detail.username;
    this.tab = to;
  };

  /**
   * Back, Forward or a link (the outbox's) to one of the Customize tab's views from another tab: show
   * that tab, whose authenticator opens the view. On the tab itself its authenticator follows the URL.
   */
  private onUrl = () => {
    if (viewInHash() && this.tab !== 'customize') this.selectTab('customize');
  };

  // -------------------------------------------------------------------------------------------
  // Outbox

  private onVisibility = () => {
    if (document.visibilityState === 'visible') void this.pollOutbox();
  };

  private async pollOutbox(): Promise<void> {
    if (!this.usingEmulator || document.visibilityState !== 'visible') return;
    try {
      const response = await fetch(`${EMULATOR_URL}/__emulator/outbox`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const messages = (await response.json()) as OutboxMessage[];
      // Latest codes first, stale ones marked (demo/outbox.ts); only re-render when something changed.
      const entries = outboxEntries(messages);
      if (JSON.stringify(entries) !== JSON.stringify(this.outbox)) this.outbox = entries;
      this.emulatorStatus = 'reachable';
    } catch {
      this.emulatorStatus = 'unreachable';
    }
  }

  private async clearOutbox(): Promise<void> {
    try {
      await fetch(`${EMULATOR_URL}/__emulator/outbox`, { method: 'DELETE' });
      this.outbox = [];
    } catch {
      this.emulatorStatus = 'unreachable';
    }
  }

  private async resetEmulator(): Promise<void> {
    this.busy = true;
    this.resetError = '';
    // The seeded users come back with new tokens: drop this page's session first.
    await this.signOut();
    try {
      const response = await fetch(`${EMULATOR_URL}/__emulator/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      location.reload();
    } catch (error) {
      this.resetError = `The emulator did not reset: ${(error as Error).message}.`;
      this.busy = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Demo users

  /** Fills the sign-in form on screen with a seeded user (switching to one if needed). */
  private async use(user: DemoUser): Promise<void> {
    if (this.session) {
      this.notice = `You are signed in as ${this.session.username}: sign out first.`;
      return;
    }
    let form = this.signInForm();
    if (!form && (this.tab === 'sign-up' || this.tab === 'forgot-password')) {
      this.tab = 'sign-in';
      // Wait for the sign-in element to render its form.
      for (let i = 0; i < 60 && !form; i++) {
        await nextFrame();
        form = this.signInForm();
      }
    }
    if (!form) {
      this.notice = 'There is no sign-in form on screen: go back to "Sign in" first.';
      return;
    }
    fill(form.querySelector<HTMLInputElement>('input[name="username"]'), user.username);
    fill(form.querySelector<HTMLInputElement>('input[name="password"]'), user.password);
    form.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
    this.notice = `Filled in ${user.username}: press Sign in.`;
  }

  private signInForm(): HTMLFormElement | null {
    return this.querySelector<HTMLFormElement>('.stage cognito-sign-in form');
  }

  private totpCode(): { code: string; remaining: number } {
    const seconds = Math.floor(this.now / 1000);
    return { code: this.totp.generate({ timestamp: this.now }), remaining: TOTP_PERIOD - (seconds % TOTP_PERIOD) };
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.notice = 'Code copied.';
    } catch {
      this.notice = 'The code could not be copied: type it in.';
    }
  }

  // -------------------------------------------------------------------------------------------
  // Your own pool

  private usePool(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const read = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    const userPoolId = read('userPoolId');
    const clientId = read('clientId');
    const region = read('region') || undefined;
    if (!/^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/.test(userPoolId)) {
      this.poolError = 'A user pool id looks like eu-west-1_AbC123xYz.';
      return;
    }
    if (!/^[0-9a-z]+$/i.test(clientId)) {
      this.poolError = 'An app client id has only letters and digits.';
      return;
    }
    if (region && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
      this.poolError = 'A region looks like eu-west-1.';
      return;
    }
    this.poolError = '';
    this.setPool({ userPoolId, clientId, region });
  }

  private setPool(pool: PoolConfig): void {
    this.pool = pool;
    this.outbox = undefined;
    this.notice = '';
    this.follow();
    void this.pollOutbox();
  }

  private selectTab(tab: Tab): void {
    this.handoffUsername = undefined;
    this.tab = tab;
  }

  private onTabKey(event: KeyboardEvent): void {
    const index = TABS.findIndex((t) => t.id === this.tab);
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const jump = event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : undefined;
    if (!delta && jump === undefined) return;
    event.preventDefault();
    const rtl = getComputedStyle(event.currentTarget as Element).direction === 'rtl';
    const next = jump ?? (index + (rtl ? -delta : delta) + TABS.length) % TABS.length;
    this.selectTab(TABS[next].id);
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#tab-${TABS[next].id}`)?.focus());
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render(): TemplateResult {
    return html`
      ${this.renderHeader()}
      <main>
        <div class="layout">
          ${this.renderStage()}
          <aside class="sidebar" aria-label="Demo tools">${this.renderUsers()} ${this.renderOutbox()} ${this.renderLog()}</aside>
        </div>
        <div class="settings">${this.renderPoolForm()} ${this.renderEmulator()}</div>
      </main>
      <footer class="footer">
        <p>cognito-elements: Web Components and a headless client for Amazon Cognito User Pools. Apache-2.0.</p>
      </footer>
    `;
  }

  private renderHeader(): TemplateResult {
    return html`<header class="hero">
      <div class="hero-text">
        <p class="eyebrow">Web Components for Amazon Cognito</p>
        <h1>cognito-elements</h1>
        <p class="lead">
          Sign-in with every MFA step, sign-up, password reset and account pages as custom elements that work in any
          framework, with forms password managers can fill. This page runs against a local Cognito emulator: no AWS account
          needed: pick one of the demo users, or create your own account.
        </p>
        <pre class="commands"><code><span class="prompt">$</span> npm install && npm run demo    <span class="comment"># this page, on the local emulator</span>
<span class="prompt">$</span> npm install && npm test        <span class="comment"># every test: Node and headless Chromium</span></code></pre>
      </div>
      <div class="controls">
        <fieldset class="segmented">
          <legend>Theme</legend>
          ${THEMES.map(
            (t) => html`<label class=${t.id === this.theme ? 'on' : ''}>
              <input type="radio" name="theme" value=${t.id} .checked=${t.id === this.theme} @change=${() => (this.theme = t.id)} />
              <span>${t.name}</span>
            </label>`,
          )}
        </fieldset>
        <label class="control">
          <span class="control-label">Language</span>
          <select @change=${(e: Event) => (this.lang = (e.target as HTMLSelectElement).value)}>
            ${LANGUAGES.map((l) => html`<option value=${l.tag} lang=${l.tag} ?selected=${l.tag === this.lang}>${l.name}</option>`)}
          </select>
        </label>
        <p class="pool-status">
          ${
            this.usingEmulator
              ? html`<span class="dot ${this.emulatorStatus}" aria-hidden="true"></span>
                Emulator <code>${EMULATOR_URL}</code>
                <span class="muted">${this.emulatorStatus === 'checking' ? 'checking…' : this.emulatorStatus === 'reachable' ? 'running' : 'not reachable'}</span>`
              : html`<span class="dot aws" aria-hidden="true"></span> Your pool <code>${this.pool.userPoolId}</code>`
          }
        </p>
      </div>
    </header>`;
  }

  private renderStage(): TemplateResult {
    const about = TABS.find((t) => t.id === this.tab)?.about ?? nothing;
    const language = LANGUAGES.find((l) => l.tag === this.lang);
    const poolKey = `${this.pool.userPoolId}|${this.pool.clientId}|${this.pool.region ?? ''}|${this.pool.endpoint ?? ''}`;
    return html`<section class="stage-panel" aria-labelledby="stage-title">
      <h2 id="stage-title" class="visually-hidden">The elements</h2>
      <div class="tabs" role="tablist" aria-label="Elements" @keydown=${this.onTabKey}>
        ${TABS.map(
          (t) => html`<button
            type="button"
            role="tab"
            id="tab-${t.id}"
            aria-controls="stage"
            aria-selected=${t.id === this.tab ? 'true' : 'false'}
            tabindex=${t.id === this.tab ? '0' : '-1'}
            @click=${() => this.selectTab(t.id)}
          >
            ${t.name}
          </button>`,
        )}
      </div>
      <p class="about">${about}</p>
      <div
        id="stage"
        class="stage"
        role="tabpanel"
        aria-labelledby="tab-${this.tab}"
        data-theme=${this.theme}
        lang=${this.lang}
        dir=${ifDefined(language?.dir)}
        style=${styleMap(themeProperties(this.theme))}
      >
        ${keyed(`${poolKey}|${this.tab}`, this.renderTab())}
      </div>
      ${this.renderCode()}
    </section>`;
  }

  private renderTab(): TemplateResult {
    const p = this.pool;
    switch (this.tab) {
      case 'authenticator':
        return html`<cognito-authenticator
          user-pool-id=${p.userPoolId}
          client-id=${p.clientId}
          region=${ifDefined(p.region)}
          endpoint=${ifDefined(p.endpoint)}
          sign-up-attributes="email name"
          password-policy=${DEMO_PASSWORD_POLICY}
          ?passkeys=${PASSKEYS}
        >
          <div class="signed-in">
            ${this.renderGreeting()}
            <div class="account-grid">
              <cognito-attributes
                user-pool-id=${p.userPoolId}
                client-id=${p.clientId}
                region=${ifDefined(p.region)}
                endpoint=${ifDefined(p.endpoint)}
                required-attributes="email"
              ></cognito-attributes>
              <cognito-account
                user-pool-id=${p.userPoolId}
                client-id=${p.clientId}
                region=${ifDefined(p.region)}
                endpoint=${ifDefined(p.endpoint)}
                password-policy=${DEMO_PASSWORD_POLICY}
                ?passkeys=${PASSKEYS}
              ></cognito-account>
            </div>
          </div>
        </cognito-authenticator>`;
      case 'sign-in':
        return html`<div class="stack">
          ${this.session ? this.renderGreeting() : nothing}
          <cognito-sign-in
            user-pool-id=${p.userPoolId}
            client-id=${p.clientId}
            region=${ifDefined(p.region)}
            endpoint=${ifDefined(p.endpoint)}
            .username=${this.handoffUsername}
          ></cognito-sign-in>
          <cognito-mfa user-pool-id=${p.userPoolId} client-id=${p.clientId} region=${ifDefined(p.region)} endpoint=${ifDefined(p.endpoint)}></cognito-mfa>
          <cognito-new-password
            user-pool-id=${p.userPoolId}
            client-id=${p.clientId}
            region=${ifDefined(p.region)}
            endpoint=${ifDefined(p.endpoint)}
            password-policy=${DEMO_PASSWORD_POLICY}
          ></cognito-new-password>
        </div>`;
      case 'sign-up':
        return html`<div class="stack">
          <cognito-sign-up
            user-pool-id=${p.userPoolId}
            client-id=${p.clientId}
            region=${ifDefined(p.region)}
            endpoint=${ifDefined(p.endpoint)}
            attributes="email name"
            password-policy=${DEMO_PASSWORD_POLICY}
            auto-sign-in
          ></cognito-sign-up>
          ${this.session ? html`<p class="hint">Signed in as ${this.session.username}: see the Authenticator tab for the account pages.</p>` : nothing}
        </div>`;
      case 'customize':
        return brandedAuthenticator({ ...p, passwordPolicy: DEMO_PASSWORD_POLICY, content: this.renderPlanGreeting() });
      case 'forgot-password':
        return html`<div class="stack">
          <cognito-forgot-password
            user-pool-id=${p.userPoolId}
            client-id=${p.clientId}
            region=${ifDefined(p.region)}
            endpoint=${ifDefined(p.endpoint)}
            password-policy=${DEMO_PASSWORD_POLICY}
            .username=${this.handoffUsername}
          ></cognito-forgot-password>
        </div>`;
    }
  }

  private renderGreeting(): TemplateResult | typeof nothing {
    const session = this.session;
    if (!session) return nothing;
    const claims = Object.entries(session.claims ?? {});
    const name = typeof session.claims.name === 'string' && session.claims.name ? session.claims.name : session.username;
    return html`<section class="greeting" aria-labelledby="greeting-title">
      <div class="greeting-head">
        <div>
          <h2 id="greeting-title">Hello, ${name}</h2>
          <p class="muted">
            Signed in as <strong>${session.username}</strong>${typeof session.claims.email === 'string' ? html` (${session.claims.email})` : nothing}.
            This card is the app's own content: only signed-in users see it.
          </p>
        </div>
        <button type="button" class="btn btn-secondary" @click=${() => this.signOut()}>Sign out</button>
      </div>
      <details class="claims" open>
        <summary>ID token claims <span class="muted">(decoded, not verified)</span></summary>
        <dl tabindex="0" aria-label="ID token claims">
          ${claims.map(([claim, value]) => html`<dt>${claim}</dt><dd>${formatClaim(claim, value)}</dd>`)}
        </dl>
      </details>
    </section>`;
  }

  /** The Customize tab's signed-in content: the greeting, and the plan chosen at sign-up as the ID token carries it. */
  private renderPlanGreeting(): TemplateResult {
    const plan = this.session?.claims['custom:plan'];
    const label = PLANS.find((p) => p.value === plan)?.label;
    return html`${this.renderGreeting()}
    ${
      this.session
        ? html`<p class="plan-note">
            ${
              label
                ? html`Your plan: <strong>${label}</strong>, from the sign-up form's select, back from Cognito in the ID token's
                    <code>custom:plan</code> claim.`
                : html`No plan on this account: sign up on this tab to choose one.`
            }
          </p>`
        : nothing
    }`;
  }

  private renderCode(): TemplateResult {
    const p = this.pool;
    const attrs = `user-pool-id="${p.userPoolId}" client-id="${p.clientId}"${p.region ? ` region="${p.region}"` : ''}${p.endpoint ? `\n  endpoint="${p.endpoint}"` : ''}`;
    if (this.tab === 'customize') return this.renderCustomizeCode(attrs);
    const markup: Record<Exclude<Tab, 'customize'>, string> = {
      authenticator: `<cognito-authenticator ${attrs}
  sign-up-attributes="email name"
  password-policy="${DEMO_PASSWORD_POLICY}">
  <main>
    <h2>Hello!</h2>
    <cognito-attributes required-attributes="email" ...></cognito-attributes>
    <cognito-account ...></cognito-account>
  </main>
</cognito-authenticator>`,
      'sign-in': `<cognito-sign-in ${attrs}></cognito-sign-in>
<cognito-mfa ${attrs}></cognito-mfa>
<cognito-new-password ${attrs}></cognito-new-password>`,
      'sign-up': `<cognito-sign-up ${attrs}
  attributes="email name" auto-sign-in
  password-policy="${DEMO_PASSWORD_POLICY}"></cognito-sign-up>`,
      'forgot-password': `<cognito-forgot-password ${attrs}
  password-policy="${DEMO_PASSWORD_POLICY}"></cognito-forgot-password>`,
    };
    const css = this.theme === 'system' ? THEME_CSS.system : `.my-app {\n${THEME_CSS[this.theme].replace(/^/gm, '  ')}\n}`;
    return html`<details class="code">
      <summary>The markup and the theme</summary>
      <div class="code-grid">
        <pre><code>${`import 'cognito-elements';\n\n${markup[this.tab]}`}</code></pre>
        <pre><code>${css}</code></pre>
      </div>
    </details>`;
  }

  /** The Customize tab's whole configuration, from the objects and functions that run it (demo/customize.ts). */
  private renderCustomizeCode(attrs: string): TemplateResult {
    const { markup, script, css } = customizeSource(attrs, DEMO_PASSWORD_POLICY);
    return html`<details class="code">
      <summary>The markup, the formFields and hooks, and the brand's CSS</summary>
      <div class="code-grid">
        <pre><code>${`import 'cognito-elements';\n\n${markup}`}</code></pre>
        <pre><code>${css}</code></pre>
      </div>
      <pre><code>${script}</code></pre>
    </details>`;
  }

  private renderUsers(): TemplateResult {
    const { code, remaining } = this.totpCode();
    return html`<section class="panel" aria-labelledby="users-title">
      <div class="panel-head">
        <h2 id="users-title">Demo users</h2>
      </div>
      ${
        this.usingEmulator
          ? html`<ul class="users">
              ${DEMO_USERS.map(
                (user) => html`<li class="user">
                  <div class="user-main">
                    <p class="user-name"><code>${user.username}</code> <span class="tag">${user.title}</span></p>
                    <p class="muted small">${user.text} Password <code>${user.password}</code>.</p>
                    ${
                      user.totpSecret
                        ? html`<div class="totp">
                          <span class="totp-code"><span class="visually-hidden">Current code: </span>${code}</span>
                          <span class="totp-bar" aria-hidden="true"><span style=${styleMap({ inlineSize: `${(remaining / TOTP_PERIOD) * 100}%` })}></span></span>
                          <span class="muted small">${remaining} s</span>
                          <button type="button" class="btn btn-small btn-secondary" @click=${() => this.copy(code)}>Copy</button>
                        </div>`
                        : nothing
                    }
                  </div>
                  <button type="button" class="btn btn-small" aria-label="Use ${user.username}" @click=${() => this.use(user)}>Use</button>
                </li>`,
              )}
            </ul>
            <p class="notice" role="status">${this.notice}</p>`
          : html`<p class="muted">The demo users live in the emulator. Go back to it to use them.</p>`
      }
    </section>`;
  }

  private renderOutbox(): TemplateResult {
    const messages = this.outbox ?? [];
    return html`<section class="panel" aria-labelledby="outbox-title">
      <div class="panel-head">
        <h2 id="outbox-title">Outbox</h2>
        ${
          this.usingEmulator
            ? html`<button type="button" class="btn btn-small btn-secondary" ?disabled=${!messages.length} @click=${() => this.clearOutbox()}>Clear</button>`
            : nothing
        }
      </div>
      ${
        !this.usingEmulator
          ? html`<p class="muted">A real pool sends real emails and text messages.</p>`
          : this.emulatorStatus === 'unreachable'
            ? html`<p class="error">The emulator at <code>${EMULATOR_URL}</code> does not answer. Start it with <code>npm run demo</code>.</p>`
            : messages.length === 0
              ? html`<p class="muted">Codes the emulator sends by email or text message show up here.</p>`
              : html`<ol class="outbox" tabindex="0" aria-labelledby="outbox-title">
                ${messages.map(
                  ({ message: m, superseded }) => html`<li class=${superseded ? 'is-superseded' : ''}>
                    <div class="outbox-line">
                      <code class="outbox-code">${m.code}</code>
                      <span class="tag">${m.purpose}</span>
                      ${superseded ? html`<span class="tag tag-stale" title="A newer code for this user and purpose was sent after it">older</span>` : nothing}
                      <time datetime=${m.time}>${timeFormat.format(new Date(m.time))}</time>
                    </div>
                    <p class="muted small">
                      ${m.medium === 'SMS' ? 'Text message' : 'Email'} to <span class="mono">${m.destination}</span> for
                      <span class="mono">${m.username}</span>
                    </p>
                    ${this.renderDeepLink(m, superseded)}
                  </li>`,
                )}
              </ol>`
      }
    </section>`;
  }

  /** A live sign-up or reset code as the link a custom message would send: it opens the Customize tab's form, prefilled. */
  private renderDeepLink(message: OutboxMessage, superseded: boolean): TemplateResult | typeof nothing {
    const link = superseded || !this.usingEmulator ? undefined : deepLink(message);
    if (!link) return nothing;
    const form = message.purpose === 'signup' ? 'confirm' : 'reset';
    return html`<a class="outbox-link small" href=${link} aria-label="Open as a link: the ${form} form for ${message.username}, on the Customize tab">Open as a link</a>`;
  }

  private renderLog(): TemplateResult {
    return html`<section class="panel" aria-labelledby="log-title">
      <div class="panel-head">
        <h2 id="log-title">Event log</h2>
        <button type="button" class="btn btn-small btn-secondary" ?disabled=${!this.events.length} @click=${() => (this.events = [])}>Clear</button>
      </div>
      ${
        this.events.length === 0
          ? html`<p class="muted">Every <code>cognito-*</code> event that reaches <code>document</code>, newest first.</p>`
          : html`<ol class="log" tabindex="0" aria-labelledby="log-title">
            ${this.events.map(
              (e) => html`<li>
                <div class="log-line">
                  <code class="log-name ${e.name === 'cognito-error' ? 'is-error' : ''}">${e.name}</code>
                  <time datetime=${e.time.toISOString()}>${timeFormat.format(e.time)}</time>
                </div>
                <p class="small"><span class="muted">from &lt;${e.source}&gt;</span>${e.summary ? html` ${e.summary}` : nothing}</p>
              </li>`,
            )}
          </ol>`
      }
    </section>`;
  }

  private renderPoolForm(): TemplateResult {
    const own = this.usingEmulator ? undefined : this.pool;
    return html`<section class="panel" aria-labelledby="pool-title">
      <h2 id="pool-title">Use your own user pool</h2>
      <p class="muted">
        Point the elements at a real Cognito user pool instead of the emulator. The app client must have
        <strong>no client secret</strong> and allow <strong>USER_SRP_AUTH</strong> (and ALLOW_REFRESH_TOKEN_AUTH). Nothing leaves
        this browser except the calls to Cognito.
      </p>
      <form class="pool-form" @submit=${this.usePool} novalidate>
        <label>
          <span>Region <span class="muted">(optional)</span></span>
          <input name="region" placeholder="from the pool id" autocomplete="off" spellcheck="false" .defaultValue=${own?.region ?? ''} />
        </label>
        <label>
          <span>User pool id</span>
          <input name="userPoolId" placeholder="eu-west-1_AbC123xYz" required autocomplete="off" spellcheck="false" .defaultValue=${own?.userPoolId ?? ''} aria-describedby="pool-error" />
        </label>
        <label>
          <span>App client id</span>
          <input name="clientId" placeholder="1example23456789abcdefghij" required autocomplete="off" spellcheck="false" .defaultValue=${own?.clientId ?? ''} aria-describedby="pool-error" />
        </label>
        <div class="pool-actions">
          <button type="submit" class="btn">Use this pool</button>
          ${own ? html`<button type="button" class="btn btn-secondary" @click=${() => this.setPool(EMULATOR_POOL)}>Back to the emulator</button>` : nothing}
        </div>
        <p class="error" id="pool-error" role="alert">${this.poolError}</p>
      </form>
    </section>`;
  }

  private renderEmulator(): TemplateResult {
    return html`<section class="panel" aria-labelledby="emulator-title">
      <h2 id="emulator-title">The emulator</h2>
      <dl class="facts">
        <dt>URL</dt>
        <dd><code>${EMULATOR_URL}</code></dd>
        <dt>User pool</dt>
        <dd><code>${EMULATOR_POOL.userPoolId}</code></dd>
        <dt>App client</dt>
        <dd><code>${EMULATOR_POOL.clientId}</code></dd>
        <dt>Password policy</dt>
        <dd>at least 8 characters, with upper and lower case letters and a number</dd>
      </dl>
      <p class="muted">Resetting puts every user back as seeded (and signs this page out).</p>
      <button type="button" class="btn btn-danger" ?disabled=${this.busy} @click=${() => this.resetEmulator()}>
        ${this.busy ? 'Resetting…' : 'Reset the emulator'}
      </button>
      <p class="error" role="alert">${this.resetError}</p>
    </section>`;
  }
}

customElements.define('demo-app', DemoApp);

declare global {
  interface HTMLElementTagNameMap {
    'demo-app': DemoApp;
  }
}
