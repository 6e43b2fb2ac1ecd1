import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawFile } from './validate';

/** The folder holding `agencies/` and `cases/`. Node-only: used by scripts, tests and the build. */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

/** Reads every entry file; a file that is not valid JSON becomes a problem, not a crash. */
export function readDataFiles(dir: string = DATA_DIR): {
  files: RawFile[];
  unreadable: { path: string; message: string }[];
} {
  const files: RawFile[] = [];
  const unreadable: { path: string; message: string }[] = [];
  for (const folder of ['agencies', 'cases']) {
    let names: string[];
    try {
      names = readdirSync(join(dir, folder));
    } catch {
      names = [];
    }
    for (const name of names.sort()) {
      if (!name.endsWith('.json')) continue;
      const full = join(dir, folder, name);
      const path = relative(dir, full).split('\\').join('/');
      try {
        files.push({ path, content: JSON.parse(readFileSync(full, 'utf8')) });
      } catch (error) {
        unreadable.push({ path, message: `not valid JSON: ${(error as Error).message}` });
      }
    }
  }
  return { files, unreadable };
}
