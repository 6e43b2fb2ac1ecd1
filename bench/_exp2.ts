import { readCorpus } from '../scripts/harness/corpus';
import { offlineHtml } from '../scripts/harness/offline-html';
const c = readCorpus();
if ('missing' in c) throw 0;
for (const p of c.pages) {
  const o = offlineHtml(p.html);
  const left = o.match(/<[a-z][^<>]*\s(?:src|href|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\/[^<>]{0,40}/gi);
  if (left) console.log(p.name, left.slice(0, 2));
}
