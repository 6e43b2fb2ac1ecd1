import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnnotator } from '../../lib/page/annotator';
import { annotatorSettings } from '../support/annotator-settings';
import { loadDataset } from '../support/dataset';

const { matcher } = loadDataset();
const settings = annotatorSettings({ mentions: 'all', scope: 'everywhere' });

const words = fc.constantFrom(
  'Europol',
  'Eurojust',
  'Sparks Group',
  'Sparks',
  'piracy',
  'Homeland',
  'Security',
  'Investigations',
  'the',
  'FBI',
  'U.S.',
  'Department of Justice',
  'x',
  ' ',
  '\u00a0',
  'ICE',
);
const text = fc.array(words, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

/** Random markup: nested inline and block elements around pieces of text that mention dataset names. */
const tree: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map((t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;')),
    fc
      .tuple(
        fc.constantFrom('p', 'div', 'span', 'em', 'b', 'a', 'li', 'h2', 'code', 'textarea'),
        fc.array(tie('node'), { maxLength: 4 }),
      )
      .map(([tag, kids]) => `<${tag}${tag === 'a' ? ' href="#"' : ''}>${kids.join('')}</${tag}>`),
  ),
})).node as fc.Arbitrary<string>;

async function annotate(html: string) {
  document.body.innerHTML = html;
  const before = document.body.innerHTML;
  const beforeText = document.body.textContent;
  const annotator = createAnnotator({
    doc: document,
    matcher,
    settings,
    schedule: (run) => {
      const id = setTimeout(run, 0);
      return () => clearTimeout(id);
    },
    now: () => performance.now(),
  });
  annotator.start();
  await annotator.idle();
  return { annotator, before, beforeText };
}

describe('annotating any page', () => {
  it('never changes the text, never nests marks or puts them in code and form fields, and restores the exact DOM', async () => {
    let marked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 5 }), async (parts) => {
        const { annotator, before, beforeText } = await annotate(parts.join(''));
        if (document.querySelector('tl-mark')) marked++;
        expect(document.body.textContent).toBe(beforeText);
        expect(document.querySelectorAll('tl-mark tl-mark, code tl-mark, textarea tl-mark').length).toBe(0);
        annotator.stop();
        expect(document.body.innerHTML).toBe(before);
      }),
      { numRuns: 150 },
    );
    // The property means something only if the generated pages really get marked.
    expect(marked).toBeGreaterThan(50);
  });

  it('is idempotent: reading the page again adds no marks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 5 }), async (parts) => {
        const { annotator } = await annotate(parts.join(''));
        const marked = document.body.innerHTML;
        annotator.rescan([document.body]);
        await annotator.idle();
        expect(document.body.innerHTML).toBe(marked);
        annotator.stop();
      }),
      { numRuns: 100 },
    );
  });
});
