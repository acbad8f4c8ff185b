// Factories for server tests: an app on a test database, a signed-in coordinator with a space,
// enrolled volunteer devices, and valid mutations (their values from schema/testing/factories.ts).
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Mutation } from '../../schema/mutations.ts';
import type { RecordType } from '../../schema/records.ts';
import type { PullResponse, PushResponse, SessionResponse } from '../../schema/protocol.ts';
import { makeCandidateMatch, makeCreateInquiryMutation, makeCreateRecordMutation, makeExchangeBatch } from '../../schema/testing/factories.ts';
import { buildApp, type AppDeps } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import { TokenKeyRing } from '../auth/token-keys.ts';
import { createCoordinator } from '../db/people.ts';
import { afterAll, beforeAll, describe } from 'vitest';
import { DATABASES, openTestDatabase, type TestDatabase } from './databases.ts';

export const PASSWORD = 'correct horse battery';

let passwordHash: Promise<string> | undefined;

/** Apps on one test database share one signing key, as server processes share the key file. */
const keyRings = new WeakMap<TestDatabase, TokenKeyRing>();

export async function makeApp(database: TestDatabase, deps: Partial<AppDeps> = {}): Promise<FastifyInstance> {
  let tokenKeys = keyRings.get(database);
  if (!tokenKeys) keyRings.set(database, (tokenKeys = TokenKeyRing.ephemeral()));
  // Limits high unless a test sets its own: tests enrol many devices from one address and push much at once.
  const limits = { authPerMinute: 100_000, pushMutationsPerMinute: 1_000_000, pushBytesPerMinute: 1024 ** 4, ...deps.limits };
  return buildApp({ db: database.db, dbKind: database.kind, tokenKeys, ...deps, limits });
}

export interface AppOnDatabase {
  readonly database: TestDatabase;
  readonly app: FastifyInstance;
}

/**
 * One suite per database kind — PGlite always, PostgreSQL when DATABASE_URL is set — with a migrated
 * database and an app on it, opened before the suite's tests and closed after. `env` is filled by then.
 */
export function describeOnEachDatabase(title: string, body: (env: AppOnDatabase) => void): void {
  describe.each(DATABASES)(`${title} on $kind`, ({ kind, skip }) => {
    describe.skipIf(skip)('', () => {
      const env = {} as { database: TestDatabase; app: FastifyInstance };
      beforeAll(async () => {
        env.database = await openTestDatabase(kind);
        env.app = await makeApp(env.database);
      }, 240_000);
      afterAll(async () => {
        await env.app?.close();
        await env.database?.close();
      });
      body(env);
    });
  });
}

export interface Session extends SessionResponse {
  auth: { authorization: string };
}

function withAuth(session: SessionResponse): Session {
  return { ...session, auth: { authorization: `Bearer ${session.accessToken}` } };
}

export async function makeCoordinator(app: FastifyInstance, database: TestDatabase, options: { spaceName?: string } = {}): Promise<{ login: string; session: Session; spaceId: string }> {
  const login = `coord-${randomUUID().slice(0, 8)}`;
  // Cheap Argon2 parameters: the stored hash carries them, so verifying is cheap too.
  passwordHash ??= hashPassword(PASSWORD, { memorySize: 1024, iterations: 1, parallelism: 1 });
  await createCoordinator(database.db, { login, name: `Coordinator ${login}`, passwordHash: await passwordHash });
  const signIn = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login, password: PASSWORD, deviceLabel: 'laptop' } });
  if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.body}`);
  const session = withAuth(signIn.json<SessionResponse>());
  const space = await app.inject({ method: 'POST', url: '/v1/spaces', headers: session.auth, payload: { name: options.spaceName ?? `Point ${login}` } });
  if (space.statusCode !== 201) throw new Error(`create space failed: ${space.body}`);
  const spaceId = space.json<{ space: { id: string } }>().space.id;
  // Re-read the session so it lists the new space.
  return { login, session, spaceId };
}

/** The same coordinator signed in on another device (a second laptop): another author for the merge rules. */
export async function signInAgain(app: FastifyInstance, login: string): Promise<Session> {
  const signIn = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { login, password: PASSWORD, deviceLabel: 'second laptop' } });
  if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.body}`);
  return withAuth(signIn.json<SessionResponse>());
}

/** A candidate match of a batch entry and a sought person, with the pair's own id (schema/candidate.ts). */
export function candidateMutation(mutationSeq: number, spaceId: string, batchEntryId: string, soughtPersonId: string, decision: Record<string, unknown> = {}): Mutation & { name: 'createRecord' } {
  return makeCreateRecordMutation(mutationSeq, 'candidateMatch', makeCandidateMatch({ batchEntryId, soughtPersonId }), { spaceId, loose: decision });
}

export async function enrolVolunteer(app: FastifyInstance, coordinator: Session, spaceId: string, name = 'Volunteer'): Promise<Session> {
  const volunteer = await app.inject({ method: 'POST', url: `/v1/spaces/${spaceId}/volunteers`, headers: coordinator.auth, payload: { name } });
  if (volunteer.statusCode !== 201) throw new Error(`create volunteer failed: ${volunteer.body}`);
  const volunteerId = volunteer.json<{ volunteer: { id: string } }>().volunteer.id;
  const code = await app.inject({ method: 'POST', url: `/v1/spaces/${spaceId}/enrolment-codes`, headers: coordinator.auth, payload: { volunteerId } });
  if (code.statusCode !== 201) throw new Error(`create code failed: ${code.body}`);
  const enrol = await app.inject({ method: 'POST', url: '/v1/devices/enrol', payload: { code: code.json<{ code: string }>().code, deviceLabel: `${name}'s phone` } });
  if (enrol.statusCode !== 200) throw new Error(`enrol failed: ${enrol.body}`);
  return withAuth(enrol.json<SessionResponse>());
}

/** A valid exchange batch (organisation-wide, coordinators only), created with the generic createRecord. */
export function batchMutation(mutationSeq: number, record: Record<string, unknown> = {}, options: { spaceId?: string } = {}): Mutation & { name: 'createRecord' } {
  return makeCreateRecordMutation(mutationSeq, 'exchangeBatch', makeExchangeBatch(), { ...options, loose: record });
}

/**
 * A new inquiry as a device of today sends it: with `spaceId`, its point is that space (`gatheringPointId`
 * may name another, to test the refusal); without, it names none and the server files it by the device.
 */
export function inquiryMutation(mutationSeq: number, options: { spaceId?: string; gatheringPointId?: string; surname?: string } = {}): Mutation & { name: 'createInquiry' } {
  const { spaceId, gatheringPointId, surname } = options;
  // Not matched by default (makeInquiry): every fixture family seeks the same man, and the server's matcher
  // would join every suite with its suggestions. server/sync/suggest.test.ts gives its families consent.
  return makeCreateInquiryMutation(mutationSeq, {
    ...(spaceId !== undefined && { spaceId }),
    inquiry: gatheringPointId !== undefined ? { gatheringPointId } : {},
    soughtPersons: [surname !== undefined ? { surname } : {}],
  });
}

export function patchMutation(mutationSeq: number, type: RecordType, id: string, baseVersion: number, patch: Record<string, unknown>): Mutation {
  return { mutationSeq, mutationId: randomUUID(), name: 'patchRecord', args: { type, id, baseVersion, patch } };
}

export function deleteMutation(mutationSeq: number, type: RecordType, id: string, baseVersion: number): Mutation {
  return { mutationSeq, mutationId: randomUUID(), name: 'deleteRecord', args: { type, id, baseVersion, reason: 'entered twice' } };
}

export async function pushAs(app: FastifyInstance, session: Session, mutations: unknown[]): Promise<{ status: number; body: PushResponse & { error?: { code: string }; wipe?: boolean } }> {
  const res = await app.inject({ method: 'POST', url: '/v1/sync/push', headers: session.auth, payload: { mutations } });
  return { status: res.statusCode, body: res.json() };
}

export async function pullAll(app: FastifyInstance, session: Session, cursor = '0', limit = 1000): Promise<{ changes: PullResponse['changes']; cursor: string; last: PullResponse }> {
  const changes: PullResponse['changes'] = [];
  for (;;) {
    const res = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: session.auth, payload: { cursor, limit } });
    if (res.statusCode !== 200) throw new Error(`pull failed: ${res.body}`);
    const page = res.json<PullResponse>();
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore || page.reset) return { changes, cursor, last: page };
  }
}
