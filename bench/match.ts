/**
 * `npm run bench:match`: matching throughput on the real pages in ../shared/corpus/pages,
 * Takedown Lens's matcher (every rule: folding, boundaries, case, context, relevance)
 * against a naive baseline measured in the same run: one combined `\b(?:…)\b` expression
 * with the `giu` flags built from the same aliases, which has none of those rules.
 */
import { buildMatchIndex } from '../lib/dataset/compile';
import { readDataFiles } from '../lib/dataset/files';
import { validateDataset } from '../lib/dataset/validate';
import { analyseText } from '../lib/match/analyse';
import { compilePattern, createMatcher } from '../lib/match/matcher';
import { RELEVANCE_SIGNALS } from '../lib/match/relevance-signals';
import { readCorpus } from '../scripts/harness/corpus';
import { htmlToText } from '../scripts/harness/html-text';

const json = process.argv.includes('--json');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const gc = (globalThis as { gc?: () => void }).gc;

function time(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const { agencies, cases } = validateDataset(readDataFiles().files);
const index = buildMatchIndex([...agencies, ...cases]);
const compiled = JSON.parse(JSON.stringify(compilePattern(index, RELEVANCE_SIGNALS)));

// What a page pays, measured cold (V8 caches a RegExp by its source, so only the first one counts).
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const coldStart = performance.now();
const matcher = createMatcher(compiled, index.entities, RELEVANCE_SIGNALS);
for (const warmUp of matcher.warmUps) warmUp();
matcher.scan('the first scan compiles the pattern: Europol');
const construction = performance.now() - coldStart;
gc?.();
const heapAfter = process.memoryUsage().heapUsed;
const compileMs = time(() => compilePattern(index, RELEVANCE_SIGNALS), 21);

const corpus = readCorpus();
if ('missing' in corpus) {
  console.log(`bench:match skipped: ${corpus.missing} (the shared corpus of real pages is needed)`);
  process.exit(0);
}
const texts = corpus.pages.map((p) => htmlToText(p.html));
const bytes = texts.reduce((n, t) => n + t.length * 2, 0);

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const naive = new RegExp(
  `\\b(?:${[...new Set(index.aliases.map((a) => a.text))].map(escapeRegExp).join('|')})\\b`,
  'giu',
);

let naiveCount = 0;
let oursCount = 0;
const runNaive = () => {
  naiveCount = 0;
  for (const t of texts) naiveCount += (t.match(naive) ?? []).length;
};
const runOurs = () => {
  oursCount = 0;
  for (const t of texts) oursCount += analyseText(matcher, t, { everywhere: true }).mentions.length;
};
// Summed into a value that is printed, so the engine cannot drop the loop as dead code.
let floorChecksum = 0;
const runFloor = () => {
  floorChecksum = 0;
  for (const t of texts) for (let i = 0; i < t.length; i += 1) floorChecksum += t.charCodeAt(i) & 1;
};
for (let i = 0; i < 3; i++) {
  runNaive();
  runOurs();
  runFloor();
}
// Interleaved rounds: whatever else the machine is doing weighs on both sides of each ratio alike.
const rounds = 11;
const naiveTimes: number[] = [];
const oursTimes: number[] = [];
const floorTimes: number[] = [];
const ratios: number[] = [];
for (let i = 0; i < rounds; i++) {
  const n = time(runNaive, 1);
  const o = time(runOurs, 1);
  floorTimes.push(time(runFloor, 1));
  naiveTimes.push(n);
  oursTimes.push(o);
  ratios.push(n / o);
}
const naiveMs = median(naiveTimes);
const oursMs = median(oursTimes);
const floorMs = median(floorTimes);
const mbps = (ms: number) => bytes / 1e6 / (ms / 1000);

const summary = {
  pages: texts.length,
  text_mb: Number((bytes / 1e6).toFixed(2)),
  aliases: index.aliases.length,
  matcher_mb_per_s: Number(mbps(oursMs).toFixed(1)),
  naive_mb_per_s: Number(mbps(naiveMs).toFixed(1)),
  ratio_vs_naive: Number(median(ratios).toFixed(2)),
  read_text_mb_per_s: Number(mbps(floorMs).toFixed(1)),
  construction_ms: Number(construction.toFixed(2)),
  build_time_compile_ms: Number(compileMs.toFixed(2)),
  matcher_heap_kb: gc ? Math.round((heapAfter - heapBefore) / 1024) : null,
  compiled_pattern_kb: Number((JSON.stringify(compiled).length / 1024).toFixed(1)),
  mentions: { matcher: oursCount, naive: naiveCount },
};

if (json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  console.log(`${summary.pages} real pages, ${summary.text_mb} MB of text (UTF-16), ${summary.aliases} aliases`);
  console.log(
    `  Takedown Lens matcher (all rules)   ${summary.matcher_mb_per_s} MB/s   (${oursMs.toFixed(1)} ms, ${oursCount} mentions)`,
  );
  console.log(
    `  naive \\b(?:…)\\b giu baseline         ${summary.naive_mb_per_s} MB/s   (${naiveMs.toFixed(1)} ms, ${naiveCount} raw hits)`,
  );
  console.log(
    `  reading every character (reference)  ${summary.read_text_mb_per_s} MB/s   (checksum ${floorChecksum})`,
  );
  console.log(
    `ratio (matcher speed / baseline speed, median of ${rounds} interleaved rounds): ${summary.ratio_vs_naive}x  (target ≥ 1.0)`,
  );
  console.log(
    `construction on a page: ${summary.construction_ms} ms (cold: RegExp from the build's pattern + first scan; target < 10 ms)`,
  );
  console.log(`compiling the pattern at build time: ${summary.build_time_compile_ms} ms (median of 21)`);
  console.log(
    `matcher heap: ${summary.matcher_heap_kb === null ? 'run with --expose-gc to measure' : `${summary.matcher_heap_kb} kB`}`,
  );
}
