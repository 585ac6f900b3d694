/** Every action the emulator answers, by name. Each module owns one area of the API. */
import type { HandlerMap } from '../context.ts';
import { adminActions } from './admin.ts';
import { authActions } from './auth.ts';
import { deviceActions } from './devices.ts';
import { mfaActions } from './mfa.ts';
import { poolActions } from './pools.ts';
import { sessionActions } from './sessions.ts';
import { userActions } from './users.ts';
import { webAuthnActions } from './webauthn.ts';

export const allActions: HandlerMap = {
  ...poolActions,
  ...adminActions,
  ...authActions,
  ...sessionActions,
  ...userActions,
  ...mfaActions,
  ...deviceActions,
  ...webAuthnActions,
};
