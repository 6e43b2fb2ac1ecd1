/** The benchmark's table, its summary object and the budgets it is read against. */
import { type BlankResult, median, type PageResult } from './measure';

/**
 * What a page with text loads: the injected script and the page module it imports (each
 * compressed alone, as a browser fetches them). The card view loads only when a card opens.
 */
export interface ContentScriptSize {
  rawBytes: number;
  gzipBytes: number;
  parts: { file: string; rawBytes: number; gzipBytes: number }[];
  onFirstCard: { file: string; rawBytes: number; gzipBytes: number };
}

export interface Summary {
  typical_ratio_to_floor: number;
  p95_ratio_to_floor: number;
  speedup_vs_markjs: number;
  max_task_ms: number;
  content_script_gzip_bytes: number;
  blank_page_cost_ms: number;
  feed_batch_ratio_to_floor: number;
  /** Not a budget: the typical ratio with the matcher's construction ("TL setup") counted as well. */
  typical_ratio_with_setup: number;
  /** Not budgets: the same blank page with plain reference content scripts instead (see measureReferenceScripts). */
  blank_page_empty_script_ms: number;
  blank_page_settings_script_ms: number;
  /**
   * Not budgets: on how many corpus pages V8 collected garbage on the main thread from setup to the
   * frame after idle, on how many inside the pass (which the ratio budget includes), and the
   * longest such pass collection. Most pages have none, so a median would say nothing.
   */
  gc_pages: number;
  gc_in_pass_pages: number;
  gc_in_pass_max_ms: number;
  /** Not budgets: the page with the longest task, and what that task was doing. */
  max_task_page?: string;
  max_task_what?: string;
}

const round = (n: number, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : Number.NaN);

/** Nearest-rank percentile. */
function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

export const ratio = (r: PageResult) => r.tlMs / r.floorMs;
export const speedup = (r: PageResult) => (r.markJsMs === undefined ? Number.NaN : r.markJsMs / r.tlMs);

export function summarise(results: PageResult[], size: ContentScriptSize, blank: BlankResult): Summary {
  const ok = results.filter((r) => !r.error);
  const corpus = ok.filter((r) => r.group === 'corpus');
  const ratios = corpus.map(ratio).filter(Number.isFinite);
  const speedups = ok.map(speedup).filter(Number.isFinite);
  const feed = ok.find((r) => r.feed)?.feed;
  const worst = ok.reduce<PageResult | undefined>(
    (w, r) => (!w || r.longestTaskMs > w.longestTaskMs ? r : w),
    undefined,
  );
  return {
    typical_ratio_to_floor: round(median(ratios)),
    p95_ratio_to_floor: round(percentile(ratios, 95)),
    speedup_vs_markjs: round(median(speedups), 1),
    max_task_ms: round(Math.max(...ok.map((r) => r.longestTaskMs)), 1),
    content_script_gzip_bytes: size.gzipBytes,
    blank_page_cost_ms: round(blank.costMs),
    feed_batch_ratio_to_floor: feed ? round(feed.tlPerBatchMs / feed.floorPerBatchMs) : Number.NaN,
    typical_ratio_with_setup: round(
      median(corpus.map((r) => (r.tlMs + r.setupMs) / r.floorMs).filter(Number.isFinite)),
    ),
    gc_pages: corpus.filter((r) => r.gcMs > 0).length,
    gc_in_pass_pages: corpus.filter((r) => r.gcInPassMs > 0).length,
    gc_in_pass_max_ms: round(Math.max(0, ...corpus.map((r) => r.gcInPassMs).filter(Number.isFinite))),
    blank_page_empty_script_ms: round(blank.references.emptyMs),
    blank_page_settings_script_ms: round(blank.references.settingsMs),
    max_task_page: worst?.id,
    max_task_what: worst?.longestTaskWhat,
  };
}

export interface Budget {
  name: string;
  limit: string;
  measured: string;
  pass: boolean;
}

export function budgets(s: Summary): Budget[] {
  return [
    {
      name: 'typical real article vs the floor (median over corpus pages)',
      limit: '≤ 2.5×',
      measured: `${s.typical_ratio_to_floor}×`,
      pass: s.typical_ratio_to_floor <= 2.5,
    },
    {
      name: 'real articles vs the floor, 95th percentile',
      limit: '≤ 4×',
      measured: `${s.p95_ratio_to_floor}×`,
      pass: s.p95_ratio_to_floor <= 4,
    },
    {
      name: 'faster than mark.js (median speed-up)',
      limit: '≥ 100×',
      measured: `${s.speedup_vs_markjs}×`,
      pass: s.speedup_vs_markjs >= 100,
    },
    {
      name: 'longest task on any page (huge page included)',
      limit: '≤ 50 ms',
      measured: `${s.max_task_ms} ms${s.max_task_page ? ` (${s.max_task_page}: ${s.max_task_what ?? 'not traced'})` : ''}`,
      pass: s.max_task_ms <= 50,
    },
    {
      name: 'content script, gzip',
      limit: '≤ 25 kB',
      measured: `${(s.content_script_gzip_bytes / 1000).toFixed(1)} kB`,
      pass: s.content_script_gzip_bytes <= 25_000,
    },
    {
      name: 'blank page cost (document_idle to idle, main thread)',
      limit: '< 2 ms',
      measured: `${s.blank_page_cost_ms} ms (plain scripts: empty ${s.blank_page_empty_script_ms} ms, reading settings ${s.blank_page_settings_script_ms} ms)`,
      pass: s.blank_page_cost_ms < 2,
    },
    {
      name: 'live page, cost per batch vs the floor for its text',
      limit: '≤ 2×',
      measured: `${s.feed_batch_ratio_to_floor}×`,
      pass: s.feed_batch_ratio_to_floor <= 2,
    },
  ];
}

const ms = (n: number | undefined) => {
  if (n === undefined || !Number.isFinite(n)) return '—';
  if (n >= 1000) return n.toFixed(0);
  if (n >= 100) return n.toFixed(1);
  return n.toFixed(2);
};
const times = (n: number) => (Number.isFinite(n) ? `${n >= 100 ? n.toFixed(0) : n.toFixed(1)}×` : '—');

const COLUMNS = [
  'page',
  'text kB',
  'floor ms',
  'TL ms',
  'ratio',
  'TL setup ms',
  'mark.js ms',
  'speed-up',
  'naive ms',
  'longest task ms',
  'loads > 50 ms',
  'layout+style ms',
  'heap added kB',
  'marks',
] as const;

function row(r: PageResult): string[] {
  if (r.error) return [r.id, ...Array<string>(COLUMNS.length - 2).fill(''), `error: ${r.error}`];
  const markJs = r.markJsMs === undefined ? '—' : `${r.markJsTimedOut ? '>' : ''}${ms(r.markJsMs)}`;
  const up = speedup(r);
  // The live page's row is per batch: its text is what one batch adds.
  const id = r.feed ? `${r.id}, per batch` : r.id;
  return [
    id,
    (r.textChars / 1000).toFixed(1),
    ms(r.floorMs),
    ms(r.tlMs),
    times(ratio(r)),
    r.feed ? '—' : ms(r.setupMs),
    markJs,
    Number.isFinite(up) ? `${r.markJsTimedOut ? '>' : ''}${times(up)}` : '—',
    ms(r.naiveMs),
    ms(r.longestTaskMs),
    `${r.longTaskLoads}/${r.loads}`,
    ms(r.styleLayoutMs),
    Number.isFinite(r.heapAddedKb) ? r.heapAddedKb.toFixed(0) : '—',
    r.feed ? '—' : String(r.marks),
  ];
}

export function textTable(results: PageResult[]): string {
  const rows = [[...COLUMNS], ...results.map(row)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r, n) => {
      const line = r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ');
      return n === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
    })
    .join('\n');
}

export function markdownTable(results: PageResult[]): string {
  const head = `| ${COLUMNS.join(' | ')} |\n|${COLUMNS.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  return [head, ...results.map((r) => `| ${row(r).join(' | ')} |`)].join('\n');
}

export function budgetLines(list: Budget[]): string {
  return list.map((b) => `${b.pass ? 'within' : 'OVER  '}  ${b.name}: ${b.measured} (budget ${b.limit})`).join('\n');
}

export function budgetMarkdown(list: Budget[]): string {
  return [
    '| budget | limit | measured | result |',
    '| --- | --- | --- | --- |',
    ...list.map((b) => `| ${b.name} | ${b.limit} | ${b.measured} | ${b.pass ? 'pass' : '**missed**'} |`),
  ].join('\n');
}
