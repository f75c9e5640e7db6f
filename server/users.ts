import { eq } from 'drizzle-orm';
import type { Role, User } from '../contract';
import type { Database } from './db/client';
import { users } from './db/schema';

/** A user as the contract spells it, from a row that has at least its columns. */
export function toUser(row: { id: string; name: string; roles: string[] }): User {
  return { id: row.id, name: row.name, roles: row.roles as Role[] };
}

/** Reads one user, or null when the id is unknown. */
export async function findUser(db: Database, id: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ? toUser(row) : null;
}

/** Inserts a user; returns false when the id is taken. */
export async function createUser(db: Database, user: User): Promise<boolean> {
  const inserted = await db
    .insert(users)
    .values({ id: user.id, name: user.name, roles: user.roles })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length > 0;
}

/** Inserts or updates users (name and roles), as seeding and demo sign-in need. */
export async function upsertUsers(db: Database, list: User[]): Promise<void> {
  for (const user of list) {
    await db
      .insert(users)
      .values({ id: user.id, name: user.name, roles: user.roles })
      .onConflictDoUpdate({ target: users.id, set: { name: user.name, roles: user.roles } });
  }
}
