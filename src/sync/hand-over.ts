// A revoked phone hands its unsent changes to the server (held there for coordinators, never applied) before
// it erases itself, so nothing registered since its last sync is destroyed unseen.
import { API } from '@schema/api.ts';
import type { Mutation } from '@schema/mutations.ts';
import { z } from 'zod';
import { readOutboxAfter } from '@/db/sync-store.ts';
import { ApiError, callWithToken, heldAccessToken, refreshAccessToken } from './api.ts';
import { takePushBatch, type PushEntry } from './push-batch.ts';

const BATCH = 200;
const okSchema = z.unknown();

export interface HandOverResult {
  /** Registrations (createInquiry) the server now holds for coordinators. */
  handedOver: number;
  /** Registrations it would not take (hand-over window closed, quota reached). */
  notHandedOver: number;
  /** The token used, for the wipe confirmation; null when the server gave none. */
  token: string | null;
}

/** The token a revoked device may still push with: the one held, or the hand-over token of a refresh. */
async function handOverToken(revocation: ApiError): Promise<string | null> {
  const given = revocation.details?.handOverToken ?? heldAccessToken();
  if (given) return given;
  try {
    await refreshAccessToken();
  } catch (error) {
    if (error instanceof ApiError && error.wipe) return error.details?.handOverToken ?? null;
    throw error;
  }
  return heldAccessToken();
}

const isRegistration = (m: Pick<Mutation, 'name'>) => m.name === 'createInquiry';
/** Sent by size only (too large for any push): the server refuses it, so it is not handed over. */
const isSizeOnly = (m: PushEntry) => 'tooLarge' in m;

/**
 * Pushes the whole outbox with the revoked device's token, batch by batch, as far as the server takes it.
 * A network failure or any answer but the revoked one throws: the phone then keeps everything and tries again
 * at its next sync. Only the server's own word (how far it got) lets the rest be given up.
 */
export async function handOverOutbox(revocation: ApiError): Promise<HandOverResult> {
  const token = await handOverToken(revocation);
  let after = 0;
  let handedOver = 0;
  let notHandedOver = 0;
  for (;;) {
    // Sized in bytes like any push: the server refuses a body over its limit before reading it.
    const batch = takePushBatch(await readOutboxAfter(after, BATCH));
    if (batch.length === 0) break;
    const acked = token ? await pushRevoked(token, batch) : after;
    const taken = batch.filter((m) => m.mutationSeq <= acked);
    handedOver += taken.filter((m) => isRegistration(m) && !isSizeOnly(m)).length;
    notHandedOver += taken.filter((m) => isRegistration(m) && isSizeOnly(m)).length;
    if (taken.length === 0) {
      // The server holds no more (window closed or quota reached): what is left cannot be handed over.
      for (let rest: readonly Pick<Mutation, 'mutationSeq' | 'name'>[] = batch; rest.length > 0; rest = await readOutboxAfter(rest.at(-1)?.mutationSeq ?? 0, BATCH)) {
        notHandedOver += rest.filter(isRegistration).length;
      }
      break;
    }
    after = taken.at(-1)?.mutationSeq ?? after;
  }
  return { handedOver, notHandedOver, token };
}

/** Returns the last mutationSeq the server acknowledged; a revoked push always answers `device_revoked`. */
async function pushRevoked(token: string, mutations: PushEntry[]): Promise<number> {
  try {
    await callWithToken(API.push.path, { mutations }, token, okSchema);
  } catch (error) {
    if (error instanceof ApiError && error.wipe) return error.details?.lastAckedSeq ?? 0;
    // Anything else (busy, a limit, a server error): not a word on what it holds, so erase nothing yet.
    throw error;
  }
  // Applied, so not revoked after all: never erase a phone the server still accepts.
  throw new ApiError(409, 'not_revoked', 'the server applied a push the phone thought revoked');
}

/** Tells the server the phone is erasing itself, so the coordinator's device card shows when. */
export async function confirmWiped(token: string | null): Promise<void> {
  if (!token) return;
  try {
    await callWithToken(API.confirmWiped.path, {}, token, API.confirmWiped.answer);
  } catch {
    // The wipe happens anyway; the coordinator's card then shows the phone as not yet confirmed.
  }
}
