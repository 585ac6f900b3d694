// The demo's outbox panel order (demo/outbox.ts): the emulator appends to its outbox and a new code for
// a user and purpose replaces the older one (emulator/model.ts sendUserCode), so the list order, not the
// timestamps, says which code is live.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deepLink, type OutboxMessage, outboxEntries } from '../../demo/outbox.ts';

const sent = (username: string, purpose: string, code: string, time = '2026-01-01T00:00:00.000Z'): OutboxMessage => ({
  pool: 'us-east-1_DemoPool1',
  username,
  destination: `${username}@example.com`,
  medium: 'EMAIL',
  purpose,
  code,
  time,
});

test('outbox: a resent code within the same millisecond is listed first and the one it replaced is marked superseded', () => {
  const entries = outboxEntries([sent('unconfirmed', 'signup', '111111'), sent('unconfirmed', 'signup', '222222')]);
  assert.deepEqual(
    entries.map((e) => [e.message.code, e.superseded]),
    [
      ['222222', false],
      ['111111', true],
    ],
  );
});

test('outbox: each user and purpose keeps its latest code live, listed before every superseded one', () => {
  const entries = outboxEntries([
    sent('ada', 'signup', '100001', '2026-01-01T00:00:01.000Z'),
    sent('demo', 'forgot_password', '200001', '2026-01-01T00:00:02.000Z'),
    sent('ada', 'signup', '100002', '2026-01-01T00:00:03.000Z'),
    sent('ada', 'verify', '300001', '2026-01-01T00:00:04.000Z'),
    // The emulator's clock was moved back (POST /__emulator/clock): order still wins over time.
    sent('demo', 'forgot_password', '200002', '2025-12-31T00:00:00.000Z'),
  ]);
  assert.deepEqual(
    entries.map((e) => [e.message.code, e.superseded]),
    [
      ['200002', false],
      ['300001', false],
      ['100002', false],
      ['200001', true],
      ['100001', true],
    ],
  );
});

test('outbox: the same username in another pool is another user', () => {
  const other = { ...sent('demo', 'signup', '400002'), pool: 'us-east-1_OtherPool' };
  const entries = outboxEntries([sent('demo', 'signup', '400001'), other]);
  assert.deepEqual(
    entries.map((e) => e.superseded),
    [false, false],
  );
});

test("outbox: sign-up and reset codes come with the Customize tab's deep link (hash routing), prefilled; other codes with none", () => {
  assert.equal(deepLink(sent('ada.l+1', 'signup', '123456')), '#/confirm-sign-up?username=ada.l%2B1&code=123456');
  assert.equal(deepLink(sent('demo', 'forgot_password', '654321')), '#/forgot-password?username=demo&code=654321');
  assert.equal(deepLink(sent('sms', 'sms_mfa', '111111')), undefined);
  assert.equal(deepLink(sent('email', 'verify_email', '222222')), undefined);
});
