// Many records created at once, all or nothing (an imported batch list): each is checked by the registry's
// schema and becomes its own createRecord mutation (small, so every one fits a push), and every plan goes to
// one commitWrites call, one IndexedDB transaction. Preparation runs in slices that yield to the page, reports
// its progress and can be stopped; once the write has begun it finishes or fails whole.
import { RECORDS, type RecordOf, type RecordType } from '@schema/records.ts';
import type { CreateRecordArgs } from '@schema/mutations.ts';
import { MAX_MUTATION_BYTES, jsonBytes } from '@schema/protocol.ts';
import { getEnrolment } from './device.ts';
import { MutationTooLargeError, ValidationError } from './errors.ts';
import { getProfile } from './profile.ts';
import { NotPermittedError } from './records.ts';
import { commitWrites, type WritePlan } from './write.ts';

export interface CreateManyProgress {
  /** `preparing`: checking and building the changes (done of total); `saving`: the one write, not stoppable. */
  phase: 'preparing' | 'saving';
  done: number;
  total: number;
}

export interface CreateManyOptions {
  onProgress?: (progress: CreateManyProgress) => void;
  /** Aborting before the write begins stops the import with nothing stored (an AbortError). */
  signal?: AbortSignal;
  /** Records checked between two yields to the page. */
  sliceSize?: number;
}

export interface CreateManyResult {
  ids: string[];
  /** The largest mutation as the push will send it, in bytes (each must stay within MAX_MUTATION_BYTES). */
  largestMutationBytes: number;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function abortError(): DOMException {
  return new DOMException('the import was cancelled', 'AbortError');
}

/**
 * Creates every record or none. A record the schema refuses throws ValidationError (its index in `field`
 * as `[index].field`) before anything is stored; so does a cancel, or any failure of the write itself.
 */
export async function createRecords<T extends RecordType>(
  type: T,
  values: readonly (Omit<RecordOf<T>, 'id'> & { id?: string })[],
  options: CreateManyOptions = {},
): Promise<CreateManyResult> {
  const rules = RECORDS[type];
  if (rules.create.mutation !== 'createRecord') throw new Error(`${type} is not created with createRecord`);
  if (rules.scope !== 'organisation') throw new Error(`createRecords writes organisation-wide records only, not ${type}`);
  const role = (await getEnrolment())?.user.role;
  if (!role || !rules.create.roles.includes(role)) throw new NotPermittedError(type);
  const by = (await getProfile()).volunteerName || null;
  const slice = options.sliceSize ?? 250;
  const total = values.length;
  const plans: WritePlan[] = [];
  const ids: string[] = [];
  let largest = 0;
  const at = Date.now();
  for (let index = 0; index < total; index++) {
    if (index % slice === 0) {
      options.onProgress?.({ phase: 'preparing', done: index, total });
      await yieldToPage();
      if (options.signal?.aborted) throw abortError();
    }
    const id = values[index]?.id ?? crypto.randomUUID();
    const parsed = rules.schema.safeParse({ ...values[index], id });
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: `[${index}].${i.path.join('.')}`, message: i.message })));
    const args: CreateRecordArgs = { type, record: parsed.data };
    // The push adds its envelope (seq, id, name); 200 bytes more than the args covers it with room to spare.
    const bytes = jsonBytes(args) + 200;
    if (bytes > MAX_MUTATION_BYTES) throw new MutationTooLargeError(bytes, MAX_MUTATION_BYTES, index);
    largest = Math.max(largest, bytes);
    ids.push(id);
    plans.push({
      records: [{ type, id, data: parsed.data }],
      mutation: { name: 'createRecord', args },
      timeline: [{ recordId: id, entry: { at, action: 'created', by } }],
    });
  }
  options.onProgress?.({ phase: 'preparing', done: total, total });
  await yieldToPage();
  if (options.signal?.aborted) throw abortError();
  options.onProgress?.({ phase: 'saving', done: 0, total });
  if (plans.length > 0) await commitWrites(plans);
  options.onProgress?.({ phase: 'saving', done: total, total });
  return { ids, largestMutationBytes: largest };
}
