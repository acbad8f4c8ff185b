// Users (coordinators with password hashes, volunteers without), spaces (gathering points) and which
// coordinator coordinates which space.
import type { Kysely, Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database } from './types.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface UserRow {
  id: string;
  login: string | null;
  name: string;
  role: 'coordinator' | 'volunteer';
  passwordHash: string | null;
  spaceId: string | null;
}

export interface SpaceRow {
  id: string;
  name: string;
  retentionDays: number;
}

const userColumns = ['id', 'login', 'name', 'role', 'password_hash as passwordHash', 'space_id as spaceId'] as const;

export async function countCoordinators(db: Db): Promise<number> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<string>().as('n')).where('role', '=', 'coordinator').executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').select(userColumns).where('login', '=', login.toLowerCase()).executeTakeFirst();
}

export function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').select(userColumns).where('id', '=', id).executeTakeFirst();
}

/** Returns undefined when the login is taken. */
export async function createCoordinator(db: Db, input: { login: string; name: string; passwordHash: string; createdBy?: string }): Promise<UserRow | undefined> {
  const id = randomUUID();
  const inserted = await db
    .insertInto('app_user')
    .values({ id, login: input.login.toLowerCase(), name: input.name, role: 'coordinator', password_hash: input.passwordHash, space_id: null, created_by: input.createdBy ?? null })
    .onConflict((oc) => oc.column('login').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? findUser(db, id) : undefined;
}

export async function setPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function createVolunteer(db: Db, input: { name: string; spaceId: string; createdBy: string }): Promise<UserRow> {
  const id = randomUUID();
  await db.insertInto('app_user').values({ id, login: null, name: input.name, role: 'volunteer', password_hash: null, space_id: input.spaceId, created_by: input.createdBy }).execute();
  return { id, login: null, name: input.name, role: 'volunteer', passwordHash: null, spaceId: input.spaceId };
}

export function listVolunteers(db: Db, spaceId: string): Promise<{ id: string; name: string; createdAt: Date }[]> {
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'created_at as createdAt'])
    .where('space_id', '=', spaceId)
    .where('role', '=', 'volunteer')
    .orderBy('name')
    .execute();
}

export async function createSpace(db: Db, input: { name: string; retentionDays?: number; coordinatorId: string }): Promise<SpaceRow> {
  const id = randomUUID();
  const row = await db
    .insertInto('space')
    .values({ id, name: input.name, ...(input.retentionDays === undefined ? {} : { retention_days: input.retentionDays }) })
    .returning(['id', 'name', 'retention_days as retentionDays'])
    .executeTakeFirstOrThrow();
  await db.insertInto('membership').values({ user_id: input.coordinatorId, space_id: id }).execute();
  return row;
}

export async function updateSpace(db: Db, id: string, input: { name?: string; retentionDays?: number }): Promise<SpaceRow | undefined> {
  return db
    .updateTable('space')
    .set({ ...(input.name === undefined ? {} : { name: input.name }), ...(input.retentionDays === undefined ? {} : { retention_days: input.retentionDays }) })
    .where('id', '=', id)
    .returning(['id', 'name', 'retention_days as retentionDays'])
    .executeTakeFirst();
}

export async function addMembership(db: Db, userId: string, spaceId: string): Promise<void> {
  await db.insertInto('membership').values({ user_id: userId, space_id: spaceId }).onConflict((oc) => oc.doNothing()).execute();
  // A device that already pulled must start over to receive the older records of the new space.
  await db.updateTable('device').set({ needs_reset: true }).where('user_id', '=', userId).execute();
}

export function findSpace(db: Db, id: string): Promise<SpaceRow | undefined> {
  return db.selectFrom('space').select(['id', 'name', 'retention_days as retentionDays']).where('id', '=', id).executeTakeFirst();
}

/** The spaces a user sees: a coordinator's coordinated spaces, a volunteer's one space. */
export function spacesOfUser(db: Db, user: { id: string; role: 'coordinator' | 'volunteer'; spaceId: string | null }): Promise<SpaceRow[]> {
  if (user.role === 'volunteer') {
    return db.selectFrom('space').select(['id', 'name', 'retention_days as retentionDays']).where('id', '=', user.spaceId ?? '00000000-0000-0000-0000-000000000000').execute();
  }
  return db
    .selectFrom('space')
    .innerJoin('membership', 'membership.space_id', 'space.id')
    .select(['space.id', 'space.name', 'space.retention_days as retentionDays'])
    .where('membership.user_id', '=', user.id)
    .orderBy('space.name')
    .execute();
}
