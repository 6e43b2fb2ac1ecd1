/**
 * `npm run eval`: precision and recall of the matcher, per kind, on the team's labelled
 * texts in tests/eval/texts (six languages, with traps). A mention counts as found when the
 * matcher reports the labelled entity on an overlapping span. Targets: precision ≥ 0.98,
 * recall ≥ 0.95. `--verbose` lists every miss and false alarm; `--json` for machines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildMatchIndex } from '../lib/dataset/compile';
import { readDataFiles } from '../lib/dataset/files';
import { validateDataset } from '../lib/dataset/validate';
import { analyseText } from '../lib/match/analyse';
import { compileMatcher } from '../lib/match/matcher';
import { RELEVANCE_SIGNALS } from '../lib/match/relevance-signals';
import { parseLabelled } from '../tests/eval/labels';

const DIR = resolve(import.meta.dirname, '../tests/eval/texts');
const verbose = process.argv.includes('--verbose');
const json = process.argv.includes('--json');

const { agencies, cases } = validateDataset(readDataFiles().files);
const entries = [...agencies, ...cases];
const kindOf = new Map(entries.map((e) => [e.id, e.type]));
const matcher = compileMatcher(buildMatchIndex(entries), RELEVANCE_SIGNALS);

type Kind = 'agency' | 'case';
const tally: Record<Kind, { tp: number; fp: number; fn: number }> = {
  agency: { tp: 0, fp: 0, fn: 0 },
  case: { tp: 0, fp: 0, fn: 0 },
};
const notes: string[] = [];
const byLang: Record<string, { tp: number; fp: number; fn: number }> = {};

for (const file of readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const { text, labels } = parseLabelled(readFileSync(resolve(DIR, file), 'utf8'));
  const lang = file.slice(0, 2);
  const perLang = byLang[lang] ?? { tp: 0, fp: 0, fn: 0 };
  byLang[lang] = perLang;
  const { mentions } = analyseText(matcher, text, { everywhere: true });
  const used = new Set<number>();
  for (const gold of labels) {
    const kind = (kindOf.get(gold.entity) ?? 'agency') as Kind;
    const hit = mentions.findIndex(
      (m, i) => !used.has(i) && m.entity === gold.entity && m.start < gold.end && m.end > gold.start,
    );
    if (hit >= 0) {
      used.add(hit);
      tally[kind].tp++;
      perLang.tp++;
    } else {
      tally[kind].fn++;
      perLang.fn++;
      notes.push(`miss  ${file}: "${gold.text.replace(/\s+/g, ' ')}" → ${gold.entity}`);
    }
  }
  mentions.forEach((m, i) => {
    if (used.has(i)) return;
    tally[m.kind].fp++;
    perLang.fp++;
    notes.push(`false ${file}: "${m.text.replace(/\s+/g, ' ')}" → ${m.entity}`);
  });
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const score = (t: { tp: number; fp: number; fn: number }) => ({
  precision: Number(ratio(t.tp, t.tp + t.fp).toFixed(3)),
  recall: Number(ratio(t.tp, t.tp + t.fn).toFixed(3)),
  ...t,
});
const all = {
  tp: tally.agency.tp + tally.case.tp,
  fp: tally.agency.fp + tally.case.fp,
  fn: tally.agency.fn + tally.case.fn,
};
const result = {
  agency: score(tally.agency),
  case: score(tally.case),
  overall: score(all),
  languages: Object.fromEntries(Object.entries(byLang).map(([l, t]) => [l, score(t)])),
};

if (json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  if (verbose) for (const n of notes) console.log(n);
  console.log(`${'kind'.padEnd(10)}precision  recall   (tp / fp / fn)`);
  for (const [k, s] of Object.entries({ agency: result.agency, case: result.case, overall: result.overall })) {
    console.log(
      `${k.padEnd(10)}${s.precision.toFixed(3).padEnd(11)}${s.recall.toFixed(3).padEnd(9)}(${s.tp} / ${s.fp} / ${s.fn})`,
    );
  }
  console.log(
    `by language: ${Object.entries(result.languages)
      .map(([l, s]) => `${l} p=${s.precision} r=${s.recall}`)
      .join(', ')}`,
  );
  console.log('targets: precision ≥ 0.98, recall ≥ 0.95');
}
const ok = result.overall.precision >= 0.98 && result.overall.recall >= 0.95;
process.exitCode = ok || process.argv.includes('--no-fail') ? 0 : 1;
