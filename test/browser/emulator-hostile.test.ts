// Issue 12 in a real browser: a document with an opaque origin (a sandboxed iframe, as an ad or any
// page on another site could frame it; its requests carry `Origin: null`) tries what the issue did:
// a "simple" no-cors text/plain POST that needs no preflight, a form post, and reading the outbox
// with fetch. None may change the emulator or read it. The test page itself, on a loopback origin
// (web-test-runner's port), keeps full access: that is how the demo and the other tests reach it.
import { expect } from '@open-wc/testing';
import { emulatorUrl } from './emulator-url.ts';

async function clockOffset(): Promise<number> {
  return (await (await fetch(`${emulatorUrl()}/__emulator/clock`)).json()).offsetMs;
}

/** Runs `script` in a sandboxed iframe (opaque origin) and resolves with what it posts back. */
function inSandbox(script: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.sandbox.add('allow-scripts', 'allow-forms');
    const timer = setTimeout(() => reject(new Error('the sandboxed frame never answered')), 8000);
    addEventListener('message', function onMessage(event) {
      if (event.source !== frame.contentWindow) return;
      removeEventListener('message', onMessage);
      clearTimeout(timer);
      frame.remove();
      resolve(event.data);
    });
    frame.srcdoc = `<!doctype html><body><script>const EMULATOR = ${JSON.stringify(emulatorUrl())};(async () => { ${script} })().then((r) => parent.postMessage(r, '*'), (e) => parent.postMessage('error: ' + e, '*'));</script>`;
    document.body.append(frame);
  });
}

describe('the emulator from a foreign (opaque) origin', () => {
  it('a no-cors text/plain POST to /__emulator/clock (no preflight) does not move the clock', async () => {
    const before = await clockOffset();
    const sent = await inSandbox(`
      await fetch(EMULATOR + '/__emulator/clock', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"advanceMs":86400000}' });
      return 'sent';`);
    expect(sent).to.equal('sent');
    expect(await clockOffset()).to.equal(before);
  });

  it('a form posted to /__emulator/faults adds no fault', async () => {
    // The form's answer navigates a named frame inside the sandbox; the parent then reads the faults.
    const sent = await inSandbox(`
      const target = document.createElement('iframe');
      target.name = 'sink';
      document.body.append(target);
      const loaded = new Promise((r) => target.addEventListener('load', r, { once: true }));
      const form = Object.assign(document.createElement('form'), { method: 'POST', action: EMULATOR + '/__emulator/faults', enctype: 'text/plain', target: 'sink' });
      const field = Object.assign(document.createElement('input'), { name: '{"status":500,"errorType":"InternalErrorException","x":"', value: '"}' });
      form.append(field);
      document.body.append(form);
      form.submit();
      await loaded;
      return 'posted';`);
    expect(sent).to.equal('posted');
    const faults = await (await fetch(`${emulatorUrl()}/__emulator/faults`)).json();
    expect(faults).to.deep.equal([]);
  });

  it('cannot read the outbox with fetch (no CORS grant to Origin: null)', async () => {
    const result = await inSandbox(`
      try {
        const res = await fetch(EMULATOR + '/__emulator/outbox');
        return 'read ' + res.status + ' ' + (await res.text()).slice(0, 40);
      } catch (error) {
        return 'blocked';
      }`);
    expect(result).to.equal('blocked');
  });

  it('the test page itself (a loopback origin on another port) still reads and moves it', async () => {
    const res = await fetch(`${emulatorUrl()}/__emulator/outbox`);
    expect(res.status).to.equal(200);
    const before = await clockOffset();
    const moved = await fetch(`${emulatorUrl()}/__emulator/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offsetMs: before }),
    });
    expect(moved.status).to.equal(200);
  });
});
