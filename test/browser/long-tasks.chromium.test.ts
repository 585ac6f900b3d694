// Chromium only (the file name says so; web-test-runner.config.mjs loads *.chromium.test.ts in the Chromium
// run only): the Long Tasks API (PerformanceObserver entry type 'longtask') is Chromium's; Firefox
// and WebKit do not report long tasks (PerformanceObserver.supportedEntryTypes lacks it), so there
// a count of zero would prove nothing.
//
// SRP in a worker leaves the page without a single long task, through the engine and through the
// core's sign-in; the same work in-thread does show up (so the zero means something).
import { expect } from '@open-wc/testing';
import { withKit } from '../../src/core/kit.ts';
import * as srpEngineModule from '../../src/core/srp-engine.ts';

import { createUser, expectStep, holdEmulator, newClient } from './support/core.ts';
import { busyWork, signInDemo } from './support/srp.ts';

// The on-demand modules take what they use of the core from their loader (src/core/kit.ts); here, from withKit.
const { createSrpEngine } = withKit(srpEngineModule);

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Long tasks on this page from the next task on (the buffer is read too, so none can slip by
 * unseen). Resolves in a fresh task: the one that called it started earlier and is not counted.
 */
async function watchLongTasks() {
  const seen: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  const since = performance.now();
  await nextTask();
  return {
    async stop(): Promise<PerformanceEntry[]> {
      // A long task is reported after it ends: let two more tasks run before reading.
      await nextTask();
      await nextTask();
      seen.push(...observer.takeRecords());
      observer.disconnect();
      return seen.filter((entry) => entry.startTime >= since);
    },
  };
}

describe('long tasks in Chromium: the SRP engine', () => {
  it('the browser reports long tasks to the page', () => {
    expect(PerformanceObserver.supportedEntryTypes).to.include('longtask');
  });

  it('runs in a module worker by default and signs demo in with USER_SRP_AUTH, with zero long tasks', async () => {
    const fallbacks: string[] = [];
    const engine = createSrpEngine({ onFallback: (reason) => fallbacks.push(reason) });
    try {
      expect(engine.mode).to.equal('worker');
      const longTasks = await watchLongTasks();
      engine.precompute();
      const result = await signInDemo(engine);
      await busyWork(engine, 10);
      const seen = await longTasks.stop();

      expect(result.AccessToken.split('.')).to.have.length(3);
      expect(result.IdToken).to.be.a('string');
      expect(engine.mode, fallbacks.join('; ')).to.equal('worker');
      expect(fallbacks).to.deep.equal([]);
      expect(seen.map((e) => `${e.name} ${e.duration}`)).to.deep.equal([]);
    } finally {
      engine.dispose();
    }
  });

  it('the same work in-thread does show up as long tasks (so the count above means something)', async () => {
    const engine = createSrpEngine({ worker: false });
    try {
      const longTasks = await watchLongTasks();
      // Chained awaits of in-thread work never yield to the event loop: one task, many exponentiations.
      await busyWork(engine, 10);
      const seen = await longTasks.stop();
      expect(seen.length).to.be.greaterThan(0);
    } finally {
      engine.dispose();
    }
  });
});

describe('core sign-in: the page stays responsive', () => {
  holdEmulator('shared');

  it('an SRP sign-in causes zero long tasks on the page', async () => {
    expect(PerformanceObserver.supportedEntryTypes).to.include('longtask');
    const user = await createUser();
    const { client } = newClient();
    const seen: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
    const since = performance.now();
    await nextTask();
    try {
      client.prepareSignIn();
      expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
      // A long task is reported after it ends: let two more tasks run before reading.
      await nextTask();
      await nextTask();
      seen.push(...observer.takeRecords());
    } finally {
      observer.disconnect();
    }
    expect(client.srpMode).to.equal('worker');
    expect(seen.filter((e) => e.startTime >= since).map((e) => `${e.name} ${Math.round(e.duration)} ms`)).to.deep.equal([]);
  });
});
