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
