// snappyjs ships no types; the wipe test uses only its decompressor.
declare module 'snappyjs' {
  const snappy: { uncompress(input: Uint8Array): Uint8Array; compress(input: Uint8Array): Uint8Array };
  export default snappy;
}
