import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'data' || name === 'assets' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const shipped = ['entrypoints', 'components', 'lib'].flatMap((d) => sources(resolve(ROOT, d)));

describe('what ships in the extension', () => {
  it('never builds HTML from strings, evaluates code or writes into the document stream', () => {
    const offenders = shipped.filter((file) =>
      /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|dangerouslySetInnerHTML|\beval\(|new Function\(|setTimeout\(\s*['"`]/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('makes no network requests of its own', () => {
    const offenders = shipped.filter((file) =>
      /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('never listens for messages a page script could post (its own MessageChannel port is private)', () => {
    const offenders = shipped.filter((file) =>
      /addEventListener\(\s*['"]message['"]|window\.onmessage|onMessageExternal/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((f) => f.replace(ROOT, ''))).toEqual([]);
  });
});
