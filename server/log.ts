// The server's error log, shared by the HTTP layer and the sync domain (which knows nothing of HTTP).
/**
 * Where server errors are written: one JSON line each on stderr, always (not only with RODYNA_LOG), and
 * never with personal data: no body, no query, no error message (a database message may quote values),
 * only the route pattern, the error's class and code, and the stack's frames. Tests replace `write`.
 */
export const serverErrorLog = {
  write(entry: Record<string, unknown>): void {
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  },
};

export function logServerError(error: unknown, context: Record<string, string | number | undefined>): void {
  const err = error instanceof Error ? error : new Error('non-error thrown');
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8).map((line) => line.trim());
  serverErrorLog.write({
    level: 'error', time: new Date().toISOString(), msg: 'server error', ...context,
    error: err.name, ...(typeof code === 'string' ? { code } : {}), frames,
  });
}
