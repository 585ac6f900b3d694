/**
 * The authenticator's view in the page's URL (`routing="hash"` or `"query"`), so Back works and a view
 * can be linked, and the deep links a Cognito custom message can send open a prefilled form:
 *
 *   hash   #/sign-up   #/confirm-sign-up?username=jane&code=123456   #/forgot-password?username=jane&code=123456
 *   query  ?cognito-view=confirm-sign-up&cognito-username=jane&cognito-code=123456
 *
 * The query form's parameters carry a `cognito-` prefix so they cannot collide with the page's own.
 * Only the signed-out forms are linkable: the challenge steps (MFA, new password) need a sign-in in progress.
 */

/** How the authenticator reflects its view in the URL: not at all (default), in the hash, or in the query string. */
export type Routing = 'none' | 'hash' | 'query';

/** The views a URL can name. */
export type RoutedView = 'sign-in' | 'sign-up' | 'confirm-sign-up' | 'forgot-password';

/**
 * What a URL asks for. A username and code only come with the two views a code opens: the confirm form,
 * and (forgot-password) the reset form.
 */
export type Route = { view: 'sign-in' | 'sign-up' } | { view: 'confirm-sign-up' | 'forgot-password'; username?: string; code?: string };

const VIEWS: readonly string[] = ['sign-in', 'sign-up', 'confirm-sign-up', 'forgot-password'] satisfies RoutedView[];
const PREFIX = 'cognito-';

export const isRoutedView = (view: string): view is RoutedView => VIEWS.includes(view);

/** The route in `url`, or undefined when it names none (or an unknown view: bad input is ignored). */
export function parseRoute(routing: Routing, url: URL): Route | undefined {
  let view: string | null;
  let params: URLSearchParams;
  let name = (key: string) => key;
  if (routing === 'hash') {
    const match = /^#\/([^?]*)(?:\?(.*))?$/.exec(url.hash);
    if (!match) return undefined;
    view = match[1];
    params = new URLSearchParams(match[2] ?? '');
  } else if (routing === 'query') {
    params = url.searchParams;
    name = (key) => PREFIX + key;
    view = params.get(name('view'));
  } else return undefined;
  if (!view || !isRoutedView(view)) return undefined;
  if (view === 'sign-in' || view === 'sign-up') return { view };
  const username = params.get(name('username')) || undefined;
  const code = params.get(name('code')) || undefined;
  return { view, ...(username && { username }), ...(code && { code }) };
}

/** `url` showing `route` (undefined: no view at all, e.g. once signed in); the page's own hash or parameters are kept. */
export function formatRoute(routing: Routing, url: URL, route: Route | undefined): URL {
  const next = new URL(url);
  const fields = route && 'username' in route ? { username: route.username, code: route.code } : {};
  if (routing === 'hash') {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) if (value) params.set(key, value);
    const query = params.toString();
    // Only a hash that is a route is ours to remove; the page's own anchors stay.
    if (route) next.hash = `/${route.view}${query ? `?${query}` : ''}`;
    else if (next.hash.startsWith('#/')) next.hash = '';
  } else if (routing === 'query') {
    for (const key of ['view', 'username', 'code']) next.searchParams.delete(PREFIX + key);
    if (route) next.searchParams.set(PREFIX + 'view', route.view);
    for (const [key, value] of Object.entries(fields)) if (value) next.searchParams.set(PREFIX + key, value);
  }
  return next;
}

/**
 * Puts `view` in the page's URL (without a username or code: those only come in): pushed (a user's step, so Back returns to the view before) or in place
 * of the current entry. Nothing happens when the URL says so already.
 */
export function writeRoute(routing: Routing, view: string | undefined, how: 'push' | 'replace'): void {
  // A view no URL names (a challenge step) leaves the URL as it is; undefined (signed in) removes the route.
  if (routing === 'none' || (view !== undefined && !isRoutedView(view))) return;
  const route = view === undefined ? undefined : ({ view } as Route);
  const here = new URL(location.href);
  const next = formatRoute(routing, here, route);
  if (next.href === here.href) return;
  if (how === 'push') history.pushState(null, '', next);
  else history.replaceState(history.state, '', next);
}

/** How the routes show a view: which one, what becomes of the URL, and the username and code a link prefilled. */
export type ShowRoute = (view: RoutedView, url: 'keep' | 'replace', username?: string, code?: string) => void;

/**
 * The authenticator's URL, once it has `routing`: its first view from the URL, Back, Forward and links
 * followed while it is connected, and each view it shows written back. Loaded on demand with this module.
 */
export class UrlRoutes {
  readonly #el: { readonly routing: Routing; readonly isConnected: boolean };
  /** The view the element shows now ('loading', 'signed-in', a form's, or a challenge step's). */
  readonly #shown: () => string;
  readonly #show: ShowRoute;

  constructor(el: { readonly routing: Routing; readonly isConnected: boolean }, shown: () => string, show: ShowRoute) {
    this.#el = el;
    this.#shown = shown;
    this.#show = show;
    this.listen(el.isConnected);
  }

  /** Follows the URL's changes (while the element is connected), or stops. */
  listen(on: boolean): void {
    for (const type of ['popstate', 'hashchange']) (on ? addEventListener : removeEventListener)(type, this.#onUrl);
  }

  /** Shows the URL's view, or `fallback` when it names none (the first view, once no session was found). */
  start(fallback: RoutedView): void {
    this.#go(parseRoute(this.#el.routing, new URL(location.href)), fallback);
  }

  /** Puts the view shown in the URL: see writeRoute (undefined, signed in, removes the route). */
  write(view: string | undefined, how: 'push' | 'replace'): void {
    writeRoute(this.#el.routing, view, how);
  }

  /** Back, Forward or a link changed the URL: show its view (a challenge step, not linkable, goes back to sign-in). */
  readonly #onUrl = () => {
    const shown = this.#shown();
    if (this.#el.routing === 'none' || shown === 'loading' || shown === 'signed-in') return;
    if (!isRoutedView(shown)) this.#show('sign-in', 'replace');
    else this.start('sign-in');
  };

  /**
   * Shows a route's view, an unknown one `fallback`. A code is kept for the form only: it leaves the URL at
   * once (replaced, so it stays in no history entry). The form is prefilled, never submitted for the user:
   * a link preview (a mail scanner, a chat's unfurl bot) opening the link must not use up the code.
   */
  #go(route: Route | undefined, fallback: RoutedView): void {
    const prefilled = route && 'username' in route ? route : undefined;
    if (prefilled?.code) this.write(prefilled.view, 'replace');
    this.#show(route?.view ?? fallback, 'keep', prefilled?.username, prefilled?.code);
  }
}
