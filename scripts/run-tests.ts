/**
 * `npm test`: every tier in turn, each with a clear pass/fail count, then one summary.
 * Tiers: typecheck, lint, dataset, matcher accuracy on the labelled texts, unit + DOM (Vitest, happy-dom), browser end-to-end
 * (built extension in real Chromium and Firefox), and the sweep over real saved pages. A failing tier does not stop the others, so one run
 * shows everything that is wrong; the exit code is non-zero if any tier failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface TierResult {
  tier: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  note?: string;
}

const ARTIFACTS = 'artifacts/test';
mkdirSync(ARTIFACTS, { recursive: true });

function run(command: string, args: string[]): { status: number; output: string; seconds: number } {
  const started = Date.now();
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(output);
  return { status: result.status ?? 1, output, seconds: (Date.now() - started) / 1000 };
}

function check(tier: string, command: string, args: string[], countErrors: (output: string) => number): TierResult {
  console.log(`\n━━ ${tier} ━━`);
  const { status, output, seconds } = run(command, args);
  const errors = status === 0 ? 0 : Math.max(1, countErrors(output));
  console.log(`${tier}: ${errors === 0 ? 'passed' : `${errors} error(s)`}`);
  return {
    tier,
    passed: errors === 0 ? 1 : 0,
    failed: errors === 0 ? 0 : 1,
    skipped: 0,
    seconds,
    note: errors ? `${errors} error(s)` : undefined,
  };
}

/** A tier that prints its own closing "N passed, N failed" line. */
function counted(tier: string, command: string, args: string[]): TierResult {
  console.log(`\n━━ ${tier} ━━`);
  const { status, output, seconds } = run(command, args);
  const m = output.match(/(\d+) passed, (\d+) failed/);
  const skipped = /skipped/.test(output) && !m;
  if (!m)
    return {
      tier,
      passed: 0,
      failed: status === 0 ? 0 : 1,
      skipped: skipped ? 1 : 0,
      seconds,
      note: skipped ? 'skipped' : undefined,
    };
  return {
    tier,
    passed: Number(m[1]),
    failed: Number(m[2]) + (status !== 0 && m[2] === '0' ? 1 : 0),
    skipped: 0,
    seconds,
  };
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

function vitest(tier: string, config: string): TierResult {
  console.log(`\n━━ ${tier} ━━`);
  const report = join(ARTIFACTS, `${tier.replace(/\W+/g, '-')}.json`);
  const { status, seconds } = run('npx', [
    'vitest',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
    const failed =
      json.numFailedTests + (status !== 0 && json.numFailedTests === 0 ? Math.max(1, json.numFailedTestSuites) : 0);
    return { tier, passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests, seconds };
  } catch {
    return { tier, passed: 0, failed: 1, skipped: 0, seconds, note: 'no report (the runner crashed)' };
  }
}

const results: TierResult[] = [
  check('typecheck', 'npx', ['tsc', '--noEmit'], (o) => (o.match(/error TS\d+/g) ?? []).length),
  check('lint', 'npx', ['biome', 'check', '.'], (o) => Number(o.match(/Found (\d+) error/)?.[1] ?? 1)),
  check('dataset', 'npx', ['tsx', 'scripts/data-check.ts'], (o) => Number(o.match(/(\d+) problem/)?.[1] ?? 1)),
  check('accuracy (eval)', 'npx', ['tsx', 'scripts/eval.ts'], () => 1),
  vitest('unit and DOM', 'vitest.config.ts'),
  vitest('browser end-to-end', 'vitest.e2e.config.ts'),
  counted('real pages sweep', 'npx', ['tsx', 'scripts/test-pages.ts', '--no-build']),
  check('web-ext lint (Firefox)', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2'], (o) =>
    Number(o.match(/errors\s+(\d+)/i)?.[1] ?? 1),
  ),
];

const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log('\n━━ summary ━━');
console.log(`${pad('tier', 22)}${pad('passed', 8)}${pad('failed', 8)}${pad('skipped', 9)}seconds`);
for (const r of results) {
  console.log(
    `${pad(r.tier, 22)}${pad(r.passed, 8)}${pad(r.failed, 8)}${pad(r.skipped, 9)}${r.seconds.toFixed(1)}${r.note ? `  ${r.note}` : ''}`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed === 0 ? 0 : 1;
