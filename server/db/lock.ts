// The exclusive lock on a PGlite data folder: two processes opening one folder lose data silently,
// so whoever opens it first writes its PID into `rodyna.lock`; a lock left by a dead PID is taken over.
import fs from 'node:fs';
import path from 'node:path';

export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(`The data folder ${folder} is in use by another Rodyna process (PID ${pid}). Stop that process first, or set RODYNA_DATA to another folder.`);
  }
}

export interface FolderLock {
  readonly file: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockFolder(folder: string): FolderLock {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'rodyna.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let pid = Number.NaN;
      try {
        pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      } catch {
        continue; // Removed between our open and read: try again.
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new FolderLockedError(folder, pid);
      // Stale (dead PID or garbage): take it over.
      try {
        fs.unlinkSync(file);
      } catch {
        // Someone else removed it first; the next attempt decides.
      }
    }
  }
  throw new Error(`Could not take the lock file ${file}`);
}
