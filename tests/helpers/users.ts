import type { Db } from "../../db/client";
import type { SessionUser } from "../../app/modules/identity/model";
import { findUserByEmail, loadSessionUser } from "../../app/modules/identity/queries.server";

/** A demo (or test) person as the app sees them once signed in: roles, verified and administered institutions. */
export async function sessionUser(db: Db, email: string): Promise<SessionUser> {
  const user = await findUserByEmail(db, email);
  const session = user ? await loadSessionUser(db, user.id) : null;
  if (!session) throw new Error(`no user ${email}`);
  return session;
}
