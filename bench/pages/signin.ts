/**
 * Sign-in end to end against the local emulator, three ways in one page, interleaved:
 * our headless client (`client.signIn`, USER_SRP_AUTH), our `<cognito-sign-in>` (fill, submit,
 * until `cognito-signed-in`), and amazon-cognito-identity-js (`authenticateUser`). Each uses its
 * own app client of the bench pool, so their sessions and tab messages never meet.
 * Main-thread long tasks are recorded all along and attributed to the sign-in they overlap.
 */
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { CognitoClient } from '../../src/core/index.ts';
import '../../src/elements/sign-in/sign-in.ts';
import { shuffled } from './shuffle.ts';

interface LongTask {
  start: number;
  duration: number;
}
const longTasks: LongTask[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

export interface SignInConfig {
  endpoint: string;
  userPoolId: string;
  clients: { headless: string; element: string; reference: string };
  username: string;
  password: string;
  workerUrl: string;
  iterations: number;
  warmup: number;
  /** Idle time between sign-ins: the user typing, during which our worker precomputes. */
  gapMs: number;
}

type Who = 'oursHeadless' | 'oursElement' | 'reference';
interface Sample {
  who: Who;
  start: number;
  end: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(config: SignInConfig) {
  const warnings: string[] = [];
  const options = { userPoolId: config.userPoolId, endpoint: config.endpoint, srpWorker: config.workerUrl };
  const headless = new CognitoClient({ ...options, clientId: config.clients.headless });
  const elementClient = new CognitoClient({ ...options, clientId: config.clients.element });
  for (const c of [headless, elementClient]) c.addEventListener('warning', (e) => warnings.push(String((e as CustomEvent).detail?.message)));
  headless.prepareSignIn();

  const element = document.createElement('cognito-sign-in') as HTMLElement & { client: CognitoClient; updateComplete: Promise<boolean> };
  element.client = elementClient;
  document.body.append(element);
  await element.updateComplete;

  const pool = new CognitoUserPool({ UserPoolId: config.userPoolId, ClientId: config.clients.reference, endpoint: `${config.endpoint}/` });

  const once: Record<Who, () => Promise<Sample>> = {
    async oursHeadless() {
      const start = performance.now();
      const step = await headless.signIn({ username: config.username, password: config.password });
      const end = performance.now();
      if (step.step !== 'DONE') throw new Error(`headless sign-in stopped at ${step.step}`);
      await headless.signOut();
      return { who: 'oursHeadless', start, end };
    },
    async oursElement() {
      await element.updateComplete;
      const form = element.querySelector('form');
      const username = element.querySelector<HTMLInputElement>('input[name="username"]');
      const password = element.querySelector<HTMLInputElement>('input[name="password"]');
      if (!form || !username || !password) throw new Error('<cognito-sign-in> shows no form');
      username.value = config.username;
      password.value = config.password;
      username.dispatchEvent(new InputEvent('input', { bubbles: true }));
      password.dispatchEvent(new InputEvent('input', { bubbles: true }));
      const listening = new AbortController();
      const signedIn = new Promise<void>((resolve, reject) => {
        const { signal } = listening;
        element.addEventListener('cognito-signed-in', () => resolve(), { signal });
        element.addEventListener('cognito-error', (e) => reject(new Error(`cognito-error: ${JSON.stringify((e as CustomEvent).detail?.code)}`)), { signal });
      });
      const start = performance.now();
      form.requestSubmit();
      await signedIn.finally(() => listening.abort());
      const end = performance.now();
      await elementClient.signOut();
      await element.updateComplete;
      return { who: 'oursElement', start, end };
    },
    async reference() {
      const start = performance.now();
      const user = new CognitoUser({ Username: config.username, Pool: pool });
      await new Promise((resolve, reject) =>
        user.authenticateUser(new AuthenticationDetails({ Username: config.username, Password: config.password }), {
          onSuccess: resolve,
          onFailure: reject,
          newPasswordRequired: () => reject(new Error('newPasswordRequired')),
          mfaRequired: () => reject(new Error('mfaRequired')),
          totpRequired: () => reject(new Error('totpRequired')),
        }),
      );
      const end = performance.now();
      user.signOut();
      return { who: 'reference', start, end };
    },
  };

  const samples: Sample[] = [];
  const contenders: Who[] = ['oursHeadless', 'oursElement', 'reference'];
  for (let i = 0; i < config.warmup + config.iterations; i++) {
    for (const who of shuffled(contenders)) {
      await sleep(config.gapMs);
      const sample = await once[who]();
      if (i >= config.warmup) samples.push(sample);
    }
  }
  // Long-task entries arrive after the task: give the observer time to hear of the last ones.
  await sleep(300);

  const overlapping = (s: Sample) => longTasks.filter((t) => t.start < s.end && t.start + t.duration > s.start);
  const results = samples.map((s) => {
    const tasks = overlapping(s);
    return {
      who: s.who,
      ms: s.end - s.start,
      longTasks: tasks.length,
      blockingMs: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
      longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    };
  });
  return {
    results,
    srpMode: { headless: headless.srpMode, element: elementClient.srpMode },
    warnings,
    longTasksTotal: longTasks.length,
  };
}

Object.assign(globalThis, { signInBench: { run }, signInBenchReady: true });
