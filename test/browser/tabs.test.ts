// Cross-tab coordination in real Chromium: BroadcastChannel between TabSync instances and between
// this page and a same-origin iframe (a real second browsing context with its own globals), and
// Web Locks serialising withLock across both.
import { expect } from '@open-wc/testing';
import { createTabSync, type TabMessage, type TabSync } from '../../src/core/tabs.ts';

/** A fresh pool id per test: channels and locks of one test never reach another. */
function freshPool(): string {
  return `us-east-1_T${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** Lets other queued work run: a few macrotask turns, enough for an unguarded critical section to interleave. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve));
}

/** Resolves with the first message the listener hears that matches. */
function next(sync: TabSync, match: (m: TabMessage) => boolean = () => true): Promise<TabMessage> {
  return new Promise((resolve) => {
    const stop = sync.subscribe((m) => {
      if (!match(m)) return;
      stop();
      resolve(m);
    });
  });
}

/** A critical section that logs its entry and exit and yields in between. */
function critical(log: string[], who: string) {
  return async () => {
    log.push(`${who} enter`);
    await turns();
    log.push(`${who} exit`);
    return who;
  };
}

describe('TabSync in one page', () => {
  it('two instances of one pool+client hear each other, not themselves', async () => {
    const pool = freshPool();
    const a = createTabSync(pool, 'client1');
    const b = createTabSync(pool, 'client1');
    const other = createTabSync(pool, 'client2');
    const heardByA: TabMessage[] = [];
    const heardByOther: TabMessage[] = [];
    a.subscribe((m) => heardByA.push(m));
    other.subscribe((m) => heardByOther.push(m));
    try {
      const atB = next(b);
      a.publish({ type: 'signed-in', username: 'demo' });
      expect(await atB).to.deep.equal({ type: 'signed-in', username: 'demo' });

      const atA = next(a);
      b.publish({ type: 'signed-out', username: 'demo' });
      expect(await atA).to.deep.equal({ type: 'signed-out', username: 'demo' });
      expect(heardByA).to.deep.equal([{ type: 'signed-out', username: 'demo' }], 'a never heard its own sign-in');
      expect(heardByOther).to.deep.equal([], 'another client of the pool hears nothing');
    } finally {
      a.close();
      b.close();
      other.close();
    }
  });

  it('sends only the fields of a TabMessage, so a token passed by mistake stays home', async () => {
    const pool = freshPool();
    const a = createTabSync(pool, 'client1');
    const raw = new BroadcastChannel(`cognito-elements:${pool}:client1`);
    try {
      const received = new Promise<unknown>((resolve) => (raw.onmessage = (e) => resolve(e.data)));
      a.publish({ type: 'tokens-refreshed', username: 'demo', accessToken: 'eyJ.eyJ.sig' } as TabMessage);
      expect(await received).to.deep.equal({ type: 'tokens-refreshed', username: 'demo' });
      expect(() => a.publish({ type: 'signed-in' } as TabMessage)).to.throw(TypeError);
    } finally {
      raw.close();
      a.close();
    }
  });

  it('stops delivering after unsubscribe and after close', async () => {
    const pool = freshPool();
    const a = createTabSync(pool, 'client1');
    const b = createTabSync(pool, 'client1');
    // Hears every message after b would have: messages reach the instances of a channel in order.
    const probe = createTabSync(pool, 'client1');
    const unsubscribed: TabMessage[] = [];
    const kept: TabMessage[] = [];
    const stop = b.subscribe((m) => unsubscribed.push(m));
    b.subscribe((m) => kept.push(m));
    try {
      stop();
      let atProbe = next(probe);
      a.publish({ type: 'signed-in', username: 'demo' });
      await atProbe;
      expect(unsubscribed).to.deep.equal([]);
      expect(kept).to.deep.equal([{ type: 'signed-in', username: 'demo' }]);

      b.close();
      b.publish({ type: 'signed-out' }); // closed: a no-op, not an error
      atProbe = next(probe);
      a.publish({ type: 'signed-out' });
      await atProbe;
      expect(kept).to.have.length(1, 'nothing after close');
    } finally {
      a.close();
      probe.close();
    }
  });

  it('withLock never lets two instances overlap (Web Locks)', async () => {
    expect(navigator.locks, 'precondition: Chromium has Web Locks').to.exist;
    const pool = freshPool();
    const a = createTabSync(pool, 'client1');
    const b = createTabSync(pool, 'client1');
    const log: string[] = [];
    const results = await Promise.all([
      a.withLock('refresh', critical(log, 'a')),
      b.withLock('refresh', critical(log, 'b')),
      a.withLock('refresh', critical(log, 'a2')),
    ]);
    expect(results).to.deep.equal(['a', 'b', 'a2']);
    expect(log).to.deep.equal(['a enter', 'a exit', 'b enter', 'b exit', 'a2 enter', 'a2 exit']);
    a.close();
    b.close();
  });

  it('a rejected fn passes its error on and releases the lock', async () => {
    const pool = freshPool();
    const a = createTabSync(pool, 'client1');
    const b = createTabSync(pool, 'client1');
    const failure = new Error('refresh failed');
    const failing = a.withLock('refresh', async () => {
      await turns();
      throw failure;
    });
    const after = b.withLock('refresh', async () => 'ran');
    let caught: unknown;
    try {
      await failing;
    } catch (error) {
      caught = error;
    }
    expect(caught).to.equal(failure);
    expect(await after).to.equal('ran');
    const { held = [], pending = [] } = await navigator.locks.query();
    expect([...held, ...pending].map((l) => l.name)).to.not.include(`cognito-elements:${pool}:client1:refresh`);
    a.close();
    b.close();
  });

  it('serialises in-process, FIFO, where navigator.locks is missing', async () => {
    Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
    try {
      const pool = freshPool();
      const a = createTabSync(pool, 'client1');
      const b = createTabSync(pool, 'client1');
      const log: string[] = [];
      const failing = a.withLock('refresh', async () => {
        log.push('failing');
        throw new Error('no');
      });
      const results = await Promise.all([
        b.withLock('refresh', critical(log, 'b')),
        a.withLock('refresh', critical(log, 'a')),
        failing.catch((e: Error) => e.message),
      ]);
      expect(results).to.deep.equal(['b', 'a', 'no']);
      expect(log).to.deep.equal(['failing', 'b enter', 'b exit', 'a enter', 'a exit']);
    } finally {
      delete (navigator as { locks?: unknown }).locks;
    }
    expect(navigator.locks).to.exist;
  });
});

// ---------------------------------------------------------------------------------------------
// A second browsing context

interface OtherTab {
  received: TabMessage[];
  publish(message: TabMessage): void;
  holdLock(name: string): { entered: Promise<void>; release(): void; done: Promise<void> };
  close(): void;
}

/** Loads test/browser/fixtures/tab.html in an iframe: "the other tab", with a TabSync of its own. */
async function openOtherTab(pool: string, client: string): Promise<{ tab: OtherTab; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  const ready = new Promise<void>((resolve) =>
    addEventListener('message', function on(e) {
      if (e.source === frame.contentWindow && e.data?.tabReady !== undefined) {
        removeEventListener('message', on);
        resolve();
      }
    }),
  );
  frame.src = `/test/browser/fixtures/tab.html?pool=${encodeURIComponent(pool)}&client=${encodeURIComponent(client)}`;
  document.body.append(frame);
  await ready;
  return { tab: (frame.contentWindow as unknown as { tab: OtherTab }).tab, frame };
}

describe('TabSync across browsing contexts (an iframe)', () => {
  it('a message published in the other context arrives here, and back', async () => {
    const pool = freshPool();
    const here = createTabSync(pool, 'client1');
    const { tab, frame } = await openOtherTab(pool, 'client1');
    try {
      expect((frame.contentWindow as unknown as typeof globalThis).BroadcastChannel).to.not.equal(BroadcastChannel, 'the iframe has globals of its own');
      const arrived = next(here);
      tab.publish({ type: 'tokens-refreshed', username: 'demo' });
      expect(await arrived).to.deep.equal({ type: 'tokens-refreshed', username: 'demo' });

      here.publish({ type: 'signed-out', username: 'demo' });
      for (let i = 0; i < 200 && tab.received.length === 0; i++) await turns(1);
      expect(JSON.parse(JSON.stringify(tab.received))).to.deep.equal([{ type: 'signed-out', username: 'demo' }]);
    } finally {
      tab.close();
      here.close();
      frame.remove();
    }
  });

  it("the other context's withLock waits while this page holds the lock", async () => {
    const pool = freshPool();
    const lockName = `cognito-elements:${pool}:client1:refresh`;
    const here = createTabSync(pool, 'client1');
    const { tab, frame } = await openOtherTab(pool, 'client1');
    const log: string[] = [];
    try {
      let releaseHere!: () => void;
      let enteredHere!: () => void;
      const hereEntered = new Promise<void>((resolve) => (enteredHere = resolve));
      const hereDone = here.withLock('refresh', async () => {
        log.push('page enter');
        enteredHere();
        await new Promise<void>((resolve) => (releaseHere = resolve));
        log.push('page exit');
      });
      await hereEntered;

      const there = tab.holdLock('refresh');
      void there.entered.then(() => log.push('iframe enter'));
      // Wait until the lock manager has the iframe's request queued behind ours.
      let queued = false;
      for (let i = 0; i < 200 && !queued; i++) {
        const { pending = [] } = await navigator.locks.query();
        queued = pending.some((l) => l.name === lockName);
        if (!queued) await turns(1);
      }
      expect(queued, "the iframe's request is pending").to.equal(true);
      await turns();
      expect(log).to.deep.equal(['page enter'], 'the iframe has not entered while the page holds the lock');

      releaseHere();
      await hereDone;
      await there.entered;
      expect(log).to.deep.equal(['page enter', 'page exit', 'iframe enter']);
      const { held = [] } = await navigator.locks.query();
      expect(held.filter((l) => l.name === lockName)).to.have.length(1, 'now the iframe holds it');
      there.release();
      await there.done;
    } finally {
      tab.close();
      here.close();
      frame.remove();
    }
  });
});
