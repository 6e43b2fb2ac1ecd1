import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const annotate = (...args: string[]) => run('npx', ['tsx', 'scripts/annotate.ts', ...args], { cwd: ROOT });

interface Output {
  relevance: { score: number; relevant: boolean };
  mentions: { start: number; end: number; text: string; entity: string; kind: string }[];
}

describe('npm run annotate', () => {
  it('reports mentions of a text file as offsets into that text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'annotate-'));
    const file = join(dir, 'story.txt');
    const text =
      'Online piracy: Europol’s report on the Sparks Group, and U.S. Attorney’s Office for the Southern District of New York charges for copyright infringement.';
    writeFileSync(file, text);
    const { stdout } = await annotate('--json', file);
    const out = JSON.parse(stdout) as Output;
    expect(out.relevance.relevant).toBe(true);
    expect(out.mentions.map((m) => m.entity)).toEqual(['europol', 'sparks-group', 'usao-sdny']);
    for (const m of out.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  }, 30_000);

  it('reads HTML as the extension does: visible text only, offsets into the text --text prints', async () => {
    const file = resolve(ROOT, 'tests/fixtures/pages/sparks-group-article.html');
    const [{ stdout: json }, { stdout: text }] = await Promise.all([
      annotate('--json', file),
      annotate('--text', file),
    ]);
    const out = JSON.parse(json) as Output;
    const extracted = text.replace(/\n$/, '');
    expect(extracted).not.toContain('<');
    expect(extracted).not.toContain('I wonder what Eurojust');
    for (const m of out.mentions) expect(extracted.slice(m.start, m.end)).toBe(m.text);
    expect(readFileSync(file, 'utf8')).toContain('Homeland <em>Security</em> Investigations');
    expect(out.mentions.some((m) => m.entity === 'hsi' && m.text === 'Homeland Security Investigations')).toBe(true);
  }, 30_000);

  it('fails clearly on a missing or binary file', async () => {
    await expect(annotate('/no/such/file.txt')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no such file'),
    });
    const dir = mkdtempSync(join(tmpdir(), 'annotate-'));
    const binary = join(dir, 'x.bin');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
    await expect(annotate(binary)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('binary') });
  }, 30_000);

  it('lists every entity with its aliases', async () => {
    const { stdout } = await annotate('--list');
    const list = JSON.parse(stdout) as { id: string; aliases: { text: string }[] }[];
    expect(list.find((e) => e.id === 'europol')?.aliases.map((a) => a.text)).toContain('Europol');
  }, 30_000);
});
