// Which forms hold unsaved input right now, so the "new version" prompt can wait instead of reloading
// away someone's typing.

const dirty = new Set<string>();
const listeners = new Set<() => void>();

export function setUnsavedInput(formKey: string, hasInput: boolean): void {
  const had = dirty.has(formKey);
  if (hasInput) dirty.add(formKey);
  else dirty.delete(formKey);
  if (had !== hasInput) for (const l of listeners) l();
}

export function hasUnsavedInput(): boolean {
  return dirty.size > 0;
}

export function subscribeUnsavedInput(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
