// Many member accounts for tests that need hundreds of voters: inserted in bulk into the test
// server's database with a session each (a login per account would spend seconds in scrypt
// for nothing the test checks). Tests may reach inside the server; this is their shortcut.
import { eq, inArray } from 'drizzle-orm';
import { SESSION_COOKIE } from '../../src/auth/index.ts';
import { createSession } from '../../src/auth/session.service.ts';
import { users } from '../../src/auth/users.table.ts';
import type { Db } from '../../src/db/index.ts';
import { units } from '../../src/org/units.table.ts';

export interface Member {
  username: string;
  userId: string;
  unitCode: string;
  /** `ecabinet_session=…`, for a socket.io handshake. */
  cookie: string;
}

/** `count` members spread round-robin over the units with these codes, each signed in. */
export async function createMembers(db: Db, count: number, unitCodes: string[], prefix = 'voter'): Promise<Member[]> {
  const found = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, unitCodes));
  if (found.length !== unitCodes.length) throw new Error(`units not found: ${unitCodes.join(', ')}`);
  const rows = Array.from({ length: count }, (_, i) => {
    const unit = found[i % found.length] as { id: string; code: string };
    // No password can match this hash: these accounts only ever use the session made below.
    return { unitId: unit.id, username: `${prefix}.${String(i + 1).padStart(4, '0')}`, fullName: `Đại biểu ${unit.code} ${i + 1}`, title: 'Đại biểu', roles: ['member' as const], passwordHash: 'none' };
  });
  const members: Member[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await db.insert(users).values(rows.slice(i, i + 200)).returning({ id: users.id, username: users.username, unitId: users.unitId });
    for (const u of inserted) {
      const { token } = await createSession(db, u.id, 3_600_000);
      members.push({ username: u.username, userId: u.id, unitCode: found.find((f) => f.id === u.unitId)?.code ?? '', cookie: `${SESSION_COOKIE}=${token}` });
    }
  }
  return members;
}

export async function userIdOf(db: Db, username: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}
