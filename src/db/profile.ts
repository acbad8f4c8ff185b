// The volunteer's own details on this device (name; a coordinator's usual gathering point), sealed, used to
// prefill the intake form and to sign timeline entries.
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, unseal, type Sealed } from '@/crypto/seal.ts';
import { getMeta, setMeta } from './meta.ts';

export interface Profile {
  volunteerName: string;
  /** The point a coordinator of several has chosen to start each new inquiry with (a space id). */
  gatheringPointId?: string;
  /** Saved before points were ids: a typed name, read only to find the id of a point so named. */
  gatheringPoint?: string;
}

const KEY = 'profile';
const EMPTY: Profile = { volunteerName: '' };

export async function getProfile(): Promise<Profile> {
  const sealed = await getMeta<Sealed>(KEY);
  return sealed ? { ...EMPTY, ...(await unseal<Profile>(getDataKey(), sealed, KEY)) } : EMPTY;
}

export async function saveProfile(profile: Profile): Promise<void> {
  await setMeta(KEY, await seal(getDataKey(), profile, KEY));
}
