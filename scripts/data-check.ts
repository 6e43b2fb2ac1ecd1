import { gzipSync } from 'node:zlib';
import { buildBundles } from '../lib/dataset/bundles';
import { readDataFiles } from '../lib/dataset/files';
import { datasetStats } from '../lib/dataset/stats';
import { validateDataset } from '../lib/dataset/validate';

const json = process.argv.includes('--json');
const { files, unreadable } = readDataFiles();
const { agencies, cases, problems } = validateDataset(files);
const allProblems = [...unreadable, ...problems];
const stats = datasetStats(agencies, cases);
const { pageMatcher, details } = buildBundles(agencies, cases);
const size = (value: unknown) => {
  const json = JSON.stringify(value);
  return { bytes: Buffer.byteLength(json), gzip: gzipSync(json).length };
};
const sizes = { everyPage: size(pageMatcher), cardDetails: size(details) };

if (json) {
  console.log(JSON.stringify({ ok: allProblems.length === 0, problems: allProblems, stats, sizes }, null, 2));
} else {
  for (const p of allProblems) console.log(`✗ ${p.path}: ${p.message}`);
  console.log(`${stats.agencies} agencies, ${stats.cases} cases, ${stats.countries.length} countries`);
  console.log(`agencies by kind: ${fmt(stats.agenciesByKind)}`);
  console.log(`cases by kind:    ${fmt(stats.casesByKind)}`);
  console.log(`cases by decade:  ${fmt(stats.casesByDecade)}`);
  console.log(`cases by country: ${fmt(stats.casesByCountry)}`);
  console.log(`sources: ${stats.sources} (${stats.primarySources} primary)`);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(
    `size on every page with text (entity ids + compiled pattern): ${kb(sizes.everyPage.bytes)} (${kb(sizes.everyPage.gzip)} gzip); card details, loaded by the background: ${kb(sizes.cardDetails.bytes)} (${kb(sizes.cardDetails.gzip)} gzip)`,
  );
  if (stats.secondaryOnly.length > 0) console.log(`only secondary sources: ${stats.secondaryOnly.join(', ')}`);
  console.log(allProblems.length === 0 ? 'dataset OK' : `${allProblems.length} problem(s)`);
}
process.exitCode = allProblems.length === 0 ? 0 : 1;

function fmt(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}
