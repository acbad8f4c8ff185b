// Reads every file of a Chromium profile as an attacker holding the phone would: raw bytes, and for LevelDB
// tables (.ldb) every block decompressed (Snappy), since IndexedDB and localStorage keep values there.
import fs from 'node:fs';
import path from 'node:path';
import snappy from 'snappyjs';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function readVarint(bytes: Uint8Array, offset: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let at = offset;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('truncated varint');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: at };
    shift += 7;
  }
}

/** A block's contents: its bytes before the 5-byte trailer, Snappy-decompressed when its type says so. */
function readBlock(file: Uint8Array, offset: number, size: number): Uint8Array {
  const raw = file.subarray(offset, offset + size);
  const type = file[offset + size];
  return type === 1 ? new Uint8Array(snappy.uncompress(raw)) : raw;
}

/** Block handles (offset, size) in an index block: entries of shared/unshared key lengths, key, value. */
function blockHandles(index: Uint8Array): { offset: number; size: number }[] {
  const restarts = new DataView(index.buffer, index.byteOffset, index.byteLength).getUint32(index.byteLength - 4, true);
  const end = index.byteLength - 4 - restarts * 4;
  const handles: { offset: number; size: number }[] = [];
  let at = 0;
  while (at < end) {
    const shared = readVarint(index, at);
    const unshared = readVarint(index, shared.next);
    const valueLength = readVarint(index, unshared.next);
    const valueAt = valueLength.next + unshared.value;
    const offset = readVarint(index, valueAt);
    const size = readVarint(index, offset.next);
    handles.push({ offset: offset.value, size: size.value });
    at = valueAt + valueLength.value;
  }
  return handles;
}

/** Every data block of a LevelDB table, decompressed; the raw file too, in case a block could not be read. */
function tableContents(file: Uint8Array): Uint8Array[] {
  const parts = [file];
  try {
    const footer = file.subarray(file.byteLength - 48);
    const meta = readVarint(footer, 0);
    const metaSize = readVarint(footer, meta.next);
    const indexOffset = readVarint(footer, metaSize.next);
    const indexSize = readVarint(footer, indexOffset.next);
    const index = readBlock(file, indexOffset.value, indexSize.value);
    for (const handle of blockHandles(index)) parts.push(readBlock(file, handle.offset, handle.size));
  } catch (error) {
    throw new Error(`cannot read LevelDB table: ${String(error)}`);
  }
  return parts;
}

export interface ProfileDump {
  files: number;
  tables: number;
  contents: { file: string; bytes: Uint8Array }[];
}

export function readProfile(dir: string): ProfileDump {
  const contents: ProfileDump['contents'] = [];
  let tables = 0;
  const files = listFiles(dir);
  for (const file of files) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    if (file.endsWith('.ldb') || file.endsWith('.sst')) {
      tables += 1;
      for (const part of tableContents(bytes)) contents.push({ file, bytes: part });
    } else {
      contents.push({ file, bytes });
    }
  }
  return { files: files.length, tables, contents };
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  if (first === undefined) return -1;
  for (let i = haystack.indexOf(first); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    let match = true;
    for (let j = 1; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) {
        match = false;
        break;
      }
    }
    if (match) return i;
  }
  return -1;
}

/** The files holding a needle, as UTF-8 or UTF-16LE text (V8 stores strings in either), or as raw bytes. */
export function filesContaining(dump: ProfileDump, needle: string | Uint8Array): string[] {
  const forms =
    typeof needle === 'string'
      ? [new TextEncoder().encode(needle), new Uint8Array(Buffer.from(needle, 'utf16le'))]
      : [needle];
  const hits = new Set<string>();
  for (const { file, bytes } of dump.contents) {
    if (forms.some((form) => form.length > 0 && indexOf(bytes, form) !== -1)) hits.add(file);
  }
  return [...hits];
}
