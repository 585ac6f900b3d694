/**
 * The authenticator's views beyond its first: each is the element of a step owner (the step-owner
 * table says which element answers which step), whose define module loads on demand, once. The
 * sign-in form is in the authenticator's own code, so a page pays up front for that form only; the
 * others are prefetched (when the browser is idle, or as soon as the user starts typing), so that
 * no step waits on the network after the first.
 */
import { warmAccount } from '../../core/client.ts';
import type { StepOwner } from '../shared/step-owner.ts';

/**
 * Each owner's define module. Keyed by the owner: a new owner in the step-owner table fails to
 * compile here until the authenticator can load it. The sign-in form is the first view: the
 * authenticator's define module registers it up front (an import() of it too would make bundlers
 * split the first view into more files), so here it is only waited for.
 */
const DEFINE_MODULE = {
  'sign-in': () => customElements.whenDefined('cognito-sign-in'),
  mfa: () => import('../mfa/mfa.ts'),
  'new-password': () => import('../new-password/new-password.ts'),
  'sign-up': () => import('../sign-up/sign-up.ts'),
  'forgot-password': () => import('../forgot-password/forgot-password.ts'),
} as const satisfies Record<StepOwner, () => Promise<unknown>>;

const OWNERS = Object.keys(DEFINE_MODULE) as StepOwner[];

/** Where a view's code is: defined (loaded, or by the app itself), on its way, or failed to arrive (offline). */
export type ViewCode = 'ready' | 'loading' | 'failed';

/** The loads started: a promise while on its way, 'failed' once it failed (until asked for again). */
const loads = new Map<StepOwner, Promise<void> | 'failed'>();

export function viewCode(owner: StepOwner): ViewCode {
  if (customElements.get(`cognito-${owner}`)) return 'ready';
  return loads.get(owner) === 'failed' ? 'failed' : 'loading';
}

/** Loads the owner's element, once; after a failure the next call tries again. */
export function loadView(owner: StepOwner): Promise<void> {
  const started = loads.get(owner);
  if (started && started !== 'failed') return started;
  const loading = DEFINE_MODULE[owner]().then(
    () => undefined,
    (error: unknown) => {
      loads.set(owner, 'failed');
      throw error;
    },
  );
  loads.set(owner, loading);
  return loading;
}

/**
 * Starts loading every view not loaded yet, and the core's account actions (sign-up and the
 * password reset use them). A failure here is only remembered: the view that needs the code asks again.
 */
export function prefetchViews(): void {
  for (const owner of OWNERS) if (viewCode(owner) !== 'ready') loadView(owner).catch(() => {});
  warmAccount();
}

/** Runs `task` when the browser is idle; Safari has no requestIdleCallback, so there it runs after the current tasks. */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task());
  else setTimeout(task);
}

/**
 * What the authenticator shows: one inner element at a time. 'mfa' and 'new-password' are the
 * sign-in's challenge steps, each shown by the element the step-owner table names.
 */
export type View = 'loading' | 'sign-in' | 'mfa' | 'new-password' | 'sign-up' | 'confirm-sign-up' | 'forgot-password' | 'signed-in';

/** The element each form view shows: the step owner whose code it needs. */
const VIEW_OWNER = {
  'sign-in': 'sign-in',
  mfa: 'mfa',
  'new-password': 'new-password',
  'sign-up': 'sign-up',
  'confirm-sign-up': 'sign-up',
  'forgot-password': 'forgot-password',
} as const satisfies Record<Exclude<View, 'loading' | 'signed-in'>, StepOwner>;

/** The views a form shows (the ones with a header and footer of their own, `<view>-header`). */
export const FORM_VIEWS = Object.keys(VIEW_OWNER) as (keyof typeof VIEW_OWNER)[];

export const ownerOf = (view: View): StepOwner | undefined => (view === 'loading' || view === 'signed-in' ? undefined : VIEW_OWNER[view]);
