// Fills a server database with inquiries through the real write path, for benchmarks: a coordinator with a
// known login, a gathering point, a volunteer and their phone, whose createInquiry mutations go through
// push() in-process (the push route's own code: clock lock, savepoints, apply, mutation log), only faster
// than the network would carry them. Never hand-written INSERTs. Opens the database as server/main.ts does.
//
// Usage: RODYNA_DATA=folder | DATABASE_URL=url  npx tsx scripts/seed-server.ts [--count=50000] [--batch=500]
//        [--login=bench-coordinator] [--password=…] [--seed=20261126] [--json]
// --json prints one last line `SEED_RESULT {…}` for scripts (scripts/bench/pull-e2e.ts reads it).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { generator } from '../bench/data.ts';
import type { CreateInquiryArgs } from '../schema/mutations.ts';
import { pushMutationEnvelopeSchema, type PushRequest } from '../schema/protocol.ts';
import { createInquiryArgsFromIntake, randomIds, seededIds } from '../schema/testing/factories.ts';
import type { DeviceContext } from '../server/auth/guard.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../server/auth/passwords.ts';
import { newRefreshSecret, sha256 } from '../server/auth/secrets.ts';
import { pgliteFolder, readConfig } from '../server/config.ts';
import { createDevice, listDevices } from '../server/db/devices.ts';
import { FolderLockedError, lockFolder, type FolderLock } from '../server/db/lock.ts';
import { openPGlite, openPostgres, type OpenDatabase } from '../server/db/open.ts';
import { createCoordinator, createSpace, createVolunteer, findUserByLogin, listVolunteers, spacesOfUser } from '../server/db/people.ts';
import { readClock } from '../server/db/records.ts';
import { push } from '../server/sync/push.ts';

const SPACE_NAME = 'Пункт збору — навантажувальний тест';
const VOLUNTEER_NAME = 'Волонтерка навантажувального тесту';
const DEVICE_LABEL = 'Телефон для заповнення сервера';

// ------------------------------------------------------------------------------------------------ data
/**
 * The device benchmark's intake generator, plus references drawn from their own seeded stream. Each intake
 * becomes the createInquiry arguments a device builds (the shared factory; random ids, as phones draw them).
 */
function inquiryGenerator(seed: number): { next(): CreateInquiryArgs } {
  const values = generator(seed);
  const references = seededIds(seed ^ 0x5eed);
  return { next: () => createInquiryArgsFromIntake(values.next(), randomIds, references.reference()) };
}

// ------------------------------------------------------------------------------------------ the database
async function open(): Promise<{ database: OpenDatabase; lock: FolderLock | undefined; where: string }> {
  const config = readConfig();
  if (config.databaseUrl) {
    return { database: await openPostgres({ url: config.databaseUrl, max: 2 }), lock: undefined, where: 'PostgreSQL (DATABASE_URL)' };
  }
  // Two processes on one PGlite folder lose data silently: refuse while a server (or another seeder) runs on it.
  const lock = lockFolder(config.dataDir);
  try {
    return { database: await openPGlite(pgliteFolder(config.dataDir)), lock, where: `PGlite in ${config.dataDir}` };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The coordinator, gathering point, volunteer and phone: reused when a previous run made them. */
async function setUpPeople(database: OpenDatabase, login: string, password: string): Promise<{ device: DeviceContext; lastMutationSeq: number }> {
  const db = database.db;
  let coordinator = await findUserByLogin(db, login);
  if (!coordinator) {
    coordinator = await createCoordinator(db, { login, name: 'Координатор навантажувального тесту', passwordHash: await hashPassword(password) });
    if (!coordinator) throw new Error(`could not create the coordinator ${login}`);
  } else if (coordinator.role !== 'coordinator' || !coordinator.passwordHash || !(await verifyPassword(password, coordinator.passwordHash))) {
    throw new Error(`the user "${login}" exists but is not a coordinator with this password; pass another --login`);
  }
  const space = (await spacesOfUser(db, coordinator)).find((s) => s.name === SPACE_NAME) ?? (await createSpace(db, { name: SPACE_NAME, coordinatorId: coordinator.id }));
  const volunteerId =
    (await listVolunteers(db, space.id)).find((v) => v.name === VOLUNTEER_NAME)?.id ??
    (await createVolunteer(db, { name: VOLUNTEER_NAME, spaceId: space.id, createdBy: coordinator.id })).id;
  let phone = (await listDevices(db, [space.id], coordinator.id)).find((d) => d.userId === volunteerId && d.label === DEVICE_LABEL && d.revokedAt === null);
  if (!phone) {
    const id = randomUUID();
    // Nobody will ever sign in with this phone: its refresh secret is thrown away.
    await createDevice(db, { id, userId: volunteerId, spaceId: space.id, label: DEVICE_LABEL, refreshHash: sha256(newRefreshSecret()) });
    phone = (await listDevices(db, [space.id], coordinator.id)).find((d) => d.id === id);
    if (!phone) throw new Error('the new device is not listed');
  }
  // What server/auth/guard.ts authenticate() resolves for this phone on a push.
  const device: DeviceContext = {
    deviceId: phone.id, label: phone.label, userId: volunteerId, userName: VOLUNTEER_NAME, role: 'volunteer',
    spaces: [space], spaceIds: [space.id], revoked: false, revokedAt: null,
  };
  return { device, lastMutationSeq: Number(phone.lastMutationSeq) };
}

// ------------------------------------------------------------------------------------------------ main
async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      count: { type: 'string', default: '50000' },
      batch: { type: 'string', default: '500' },
      login: { type: 'string', default: 'bench-coordinator' },
      password: { type: 'string', default: 'benchmark coordinator password' },
      seed: { type: 'string', default: '20261126' },
      json: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 2000) {
    console.error('seed-server: --count must be a whole number ≥ 0 and --batch 1–2000');
    return 2;
  }
  if (values.password.length < MIN_PASSWORD_LENGTH) {
    console.error(`seed-server: the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    return 2;
  }

  let opened: Awaited<ReturnType<typeof open>>;
  try {
    opened = await open();
  } catch (error) {
    if (error instanceof FolderLockedError) {
      console.error(`seed-server: ${error.message}`);
      return 3;
    }
    throw error;
  }
  const { database, lock, where } = opened;
  // Ctrl-C stops after the batch being applied, then closes the database cleanly and releases the lock.
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const { device, lastMutationSeq } = await setUpPeople(database, values.login, values.password);
    console.log(`seed-server: ${where}; coordinator "${values.login}", device ${device.deviceId} (last mutationSeq ${lastMutationSeq}); ${count.toLocaleString('en')} inquiries in batches of ${batchSize}`);
    const generator = inquiryGenerator(Number(values.seed) + lastMutationSeq);
    let seq = lastMutationSeq;
    let applied = 0;
    let other = 0;
    let buildMs = 0;
    let pushMs = 0;
    const batchTimes: number[] = [];
    const started = performance.now();
    let nextReport = 5000;
    for (let done = 0; done < count && !stopping; ) {
      const n = Math.min(batchSize, count - done);
      const t0 = performance.now();
      const mutations: PushRequest['mutations'] = [];
      for (let i = 0; i < n; i++) {
        const envelope = { mutationSeq: ++seq, mutationId: randomUUID(), name: 'createInquiry', args: generator.next() };
        // The push route's envelope check, on what a device would have sent as JSON.
        mutations.push(pushMutationEnvelopeSchema.parse(JSON.parse(JSON.stringify(envelope))));
      }
      const t1 = performance.now();
      const answer = await push(database.db, device, mutations, new Date());
      const t2 = performance.now();
      if ('expectedSeq' in answer) throw new Error(`the server expected mutationSeq ${answer.expectedSeq}: another process pushed for this device`);
      for (const r of answer.results) {
        if (r.result === 'applied') applied += 1;
        else if (other++ < 5) console.error(`seed-server: mutation ${r.mutationSeq} ${r.result} ${r.reason ?? ''}`);
      }
      buildMs += t1 - t0;
      pushMs += t2 - t1;
      batchTimes.push(t2 - t1);
      done += n;
      if (done >= nextReport || done === count) {
        nextReport += 5000;
        const seconds = (performance.now() - started) / 1000;
        console.log(`seed-server: ${done.toLocaleString('en')} inquiries, ${seconds.toFixed(1)} s, ${Math.round(done / seconds)} inquiries/s (push ${Math.round(t2 - t1)} ms for the last batch of ${n})`);
      }
    }
    const totalMs = performance.now() - started;
    const clock = await readClock(database.db);
    const records = await database.db
      .selectFrom('record')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('space_id', '=', device.spaceIds[0] ?? '')
      .where('deleted', '=', false)
      .executeTakeFirstOrThrow();
    const inquiries = await database.db
      .selectFrom('record')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('space_id', '=', device.spaceIds[0] ?? '')
      .where('type', '=', 'inquiry')
      .where('deleted', '=', false)
      .executeTakeFirstOrThrow();
    const sorted = [...batchTimes].sort((a, b) => a - b);
    const result = {
      where, login: values.login, spaceId: device.spaceIds[0], deviceId: device.deviceId,
      pushed: seq - lastMutationSeq, applied, notApplied: other, batchSize,
      inquiries: Number(inquiries.n), records: Number(records.n), clock,
      totalMs: Math.round(totalMs), buildMs: Math.round(buildMs), pushMs: Math.round(pushMs),
      inquiriesPerSecond: Math.round((applied / totalMs) * 1000),
      batchMsP50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), batchMsMax: Math.round(sorted[sorted.length - 1] ?? 0),
    };
    console.log(
      `seed-server: ${applied.toLocaleString('en')} inquiries applied${other ? `, ${other} not applied` : ''} in ${(totalMs / 1000).toFixed(1)} s = ${result.inquiriesPerSecond} inquiries/s` +
        ` (making the mutations ${(buildMs / 1000).toFixed(1)} s, push() ${(pushMs / 1000).toFixed(1)} s, batch p50 ${result.batchMsP50} ms);` +
        ` the space now holds ${result.inquiries.toLocaleString('en')} inquiries in ${result.records.toLocaleString('en')} records, clock at ${clock}`,
    );
    if (stopping) console.log('seed-server: stopped early on a signal');
    if (values.json) console.log(`SEED_RESULT ${JSON.stringify(result)}`);
    return other > 0 || stopping ? 1 : 0;
  } finally {
    try {
      await database.close();
    } finally {
      lock?.release();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('seed-server: failed:', error);
    process.exit(1);
  },
);
