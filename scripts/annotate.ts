/**
 * `npm run annotate -- FILE`: finds the agencies and cases named in a text or HTML file
 * (or standard input, `-`), with the same matcher and rules as the content script.
 *
 *   --json   machine output: {"relevance": {...}, "mentions": [{start, end, text, entity, kind}]}
 *   --text   print the text that was matched (for HTML: the visible text, as the extension reads it)
 *   --all    report mentions even when the text is not about piracy enforcement
 *   --list   print every entity in the dataset with its aliases, as JSON
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { buildMatchIndex } from '../lib/dataset/compile';
import { readDataFiles } from '../lib/dataset/files';
import { validateDataset } from '../lib/dataset/validate';
import { analyseText } from '../lib/match/analyse';
import { compileMatcher } from '../lib/match/matcher';
import { RELEVANCE_SIGNALS } from '../lib/match/relevance-signals';
import { htmlToText } from './harness/html-text';

const MAX_BYTES = 32 * 1024 * 1024;

class UsageError extends Error {}

function readInput(file: string): { content: string; html: boolean } {
  let bytes: Buffer;
  if (file === '-') {
    bytes = readFileSync(0);
  } else {
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new UsageError(`${file} is not a file`);
      size = stat.size;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${file}: no such file`);
    }
    if (size > MAX_BYTES)
      throw new UsageError(`${file} is ${(size / 1e6).toFixed(1)} MB; the limit is ${MAX_BYTES / 1e6} MB`);
    bytes = readFileSync(file);
  }
  if (bytes.length > MAX_BYTES) throw new UsageError(`the input is larger than ${MAX_BYTES / 1e6} MB`);
  if (bytes.subarray(0, 8192).includes(0))
    throw new UsageError(`${file === '-' ? 'the input' : file} looks binary (it contains NUL bytes)`);
  const content = bytes.toString('utf8');
  const ext = extname(file).toLowerCase();
  const html =
    ext === '.html' || ext === '.htm' || ext === '.xhtml' || (file === '-' && /^\s*<(!doctype|html)/i.test(content));
  return { content, html };
}

function main(argv: string[]): number {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const unknown = [...flags].filter((f) => !['--json', '--text', '--all', '--list'].includes(f));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(', ')}`);
  const files = argv.filter((a) => !a.startsWith('--'));

  const { files: raw } = readDataFiles();
  const { agencies, cases, problems } = validateDataset(raw);
  if (problems.length > 0) console.error(`warning: ${problems.length} dataset problem(s); run npm run data:check`);
  const entries = [...agencies, ...cases];

  if (flags.has('--list')) {
    const list = entries.map((e) => ({ id: e.id, kind: e.type, name: e.name, aliases: e.aliases }));
    console.log(JSON.stringify(list, null, 2));
    return 0;
  }
  if (files.length !== 1)
    throw new UsageError('usage: npm run annotate -- [--json] [--text] [--all] FILE|-   (or --list)');

  const { content, html } = readInput(files[0] as string);
  const text = html ? htmlToText(content) : content;
  if (flags.has('--text')) {
    console.log(text);
    return 0;
  }
  const matcher = compileMatcher(buildMatchIndex(entries), RELEVANCE_SIGNALS);
  const { relevance, mentions } = analyseText(matcher, text, { everywhere: flags.has('--all') });

  if (flags.has('--json')) {
    console.log(
      JSON.stringify(
        {
          relevance: {
            score: relevance.score,
            relevant: relevance.relevant,
            threshold: relevance.threshold,
            signals: relevance.signals,
          },
          mentions,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  console.log(
    `relevance: ${relevance.score} (threshold ${relevance.threshold}) — ${relevance.relevant ? 'about piracy enforcement' : 'not about piracy enforcement'}`,
  );
  if (relevance.signals.length > 0) {
    console.log(
      `signals:   ${relevance.signals.map((s) => `${s.text} [${s.lang}] ×${s.count} = ${s.points}`).join('; ')}`,
    );
  }
  if (!relevance.relevant && !flags.has('--all')) {
    console.log('no marks: the text is not about piracy enforcement (use --all to see its mentions anyway)');
    return 0;
  }
  const names = new Map(entries.map((e) => [e.id, e.name]));
  console.log(`${mentions.length} mention(s):`);
  for (const m of mentions) {
    console.log(
      `  ${String(m.start).padStart(7)}  ${m.text.replace(/\s+/g, ' ')}  →  ${names.get(m.entity)} [${m.kind}: ${m.entity}]`,
    );
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`annotate: ${error.message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
