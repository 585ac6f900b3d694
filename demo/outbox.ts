// The order and marking of the demo's outbox panel. The emulator appends each message it "sends" to
// its outbox (emulator/model.ts deliver()), and a new code for a user and purpose replaces the older
// one (sendUserCode), so the list's order is the truth: timestamps can tie within a millisecond and
// the emulator's clock can be moved. The outbox does not say whether a code was used, so the honest
// rule is the one the emulator applies: an older code of the same user and purpose no longer works.

/** A message the emulator "sent" (GET /__emulator/outbox). */
export interface OutboxMessage {
  pool: string;
  username: string;
  destination: string;
  medium: string;
  purpose: string;
  code: string;
  time: string;
}

export interface OutboxEntry {
  message: OutboxMessage;
  /** A newer code for the same user and purpose was sent after this one, so this one is stale. */
  superseded: boolean;
}

/**
 * The outbox as the panel lists it: each user's latest code per purpose first, newest first, then the
 * superseded ones, newest first, marked so that the panel can dim them and say "older".
 */
export function outboxEntries(messages: readonly OutboxMessage[]): OutboxEntry[] {
  const seen = new Set<string>();
  const newestFirst = [...messages].reverse().map((message) => {
    const key = JSON.stringify([message.pool, message.username, message.purpose]);
    const superseded = seen.has(key);
    seen.add(key);
    return { message, superseded };
  });
  return [...newestFirst.filter((e) => !e.superseded), ...newestFirst.filter((e) => e.superseded)];
}

/**
 * The link a Cognito custom message could send with this code, for the Customize tab's authenticator
 * (routing="hash"): a sign-up code opens the confirm form, a reset code the new-password form, each
 * prefilled. Other codes (MFA, attribute verification) have no form a link can open: undefined.
 */
export function deepLink(message: OutboxMessage): string | undefined {
  const view = message.purpose === 'signup' ? 'confirm-sign-up' : message.purpose === 'forgot_password' ? 'forgot-password' : undefined;
  if (!view) return undefined;
  return `#/${view}?${new URLSearchParams({ username: message.username, code: message.code })}`;
}
