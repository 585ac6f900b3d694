/** Removing a user (DeleteUser, AdminDeleteUser), with everything that would let it act on. */
import type { Emulator } from '../context.ts';
import { removeUser } from '../model.ts';
import type { Pool, User } from '../state.ts';
import { revokeAllForUser } from '../tokens.ts';

/** DeleteUser / AdminDeleteUser: every token family dies, then the user and its open sessions. */
export function deleteUserEverywhere(emu: Emulator, pool: Pool, user: User): void {
  revokeAllForUser(emu, pool, user);
  for (const [key, session] of Object.entries(emu.state.sessions)) {
    if (session.poolId === pool.config.Id && session.username === user.Username) delete emu.state.sessions[key];
  }
  removeUser(pool, user);
  emu.changed();
}
