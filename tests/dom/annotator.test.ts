import { afterEach, describe, expect, it } from 'vitest';
import { type AnnotatorOptions, type AnnotatorSettings, createAnnotator } from '../../lib/page/annotator';
import { watchMutations } from '../../lib/page/mutations';
import { annotatorSettings } from '../support/annotator-settings';
import { loadDataset } from '../support/dataset';

const { matcher } = loadDataset();
const defaults = annotatorSettings();

const ARTICLE = `
  <h1>Sparks Group piracy network taken offline</h1>
  <p>The Sparks Group, an online piracy group, was dismantled with Europol and Eurojust. Prosecutors charged three men with copyright infringement.</p>
  <p>Europol said the Sparks Group had been investigated since 2016 by Homeland <em>Security</em> Investigations.</p>
  <pre>Europol</pre>
  <textarea>Eurojust</textarea>
`;

const running: { stop(): void }[] = [];
afterEach(() => {
  for (const r of running.splice(0)) r.stop();
  document.body.innerHTML = '';
});

function annotate(html: string, settings: Partial<AnnotatorSettings> = {}, options: Partial<AnnotatorOptions> = {}) {
  document.body.innerHTML = html;
  const before = document.body.innerHTML;
  const annotator = createAnnotator({
    doc: document,
    matcher,
    settings: { ...defaults, ...settings },
    schedule: (run) => {
      const id = setTimeout(run, 0);
      return () => clearTimeout(id);
    },
    now: () => performance.now(),
    ...options,
  });
  running.push(annotator);
  annotator.start();
  return { annotator, before };
}

/** Watches the page's own changes as the content script does, handing each batch to `onBatch`. */
function watchPage(onBatch: (nodes: Node[], removed: boolean) => void, extra: { floodLimit?: number } = {}) {
  const watch = watchMutations({
    root: document.body,
    onBatch,
    schedule: (run, ms) => {
      const id = setTimeout(run, ms);
      return () => clearTimeout(id);
    },
    delayMs: 5,
    ...extra,
  });
  running.push(watch);
  return watch;
}

const marked = () =>
  [...document.querySelectorAll('tl-mark[tabindex], tl-mark')].map((m) => m.getAttribute('data-entity'));
const focusStops = () =>
  [...document.querySelectorAll('tl-mark[tabindex="0"]')].map((m) => m.getAttribute('data-entity'));

describe('annotating a page', () => {
  it('marks the first mention of each entity by default, never in code or forms', async () => {
    const { annotator } = annotate(ARTICLE);
    await annotator.idle();
    expect(focusStops()).toEqual(['sparks-group', 'europol', 'eurojust', 'hsi']);
    expect(document.querySelector('pre tl-mark, textarea tl-mark')).toBeNull();
    expect(annotator.findings().entities.find((e) => e.id === 'europol')?.count).toBe(2);
  });

  it('neither marks nor counts what a reader cannot see or is editing, however deep', async () => {
    const { annotator } = annotate(
      `${ARTICLE}<div hidden><p><em>Interpol</em> and Eurojust</p></div>
      <div contenteditable="true"><p>Draft: ask <b>Interpol</b></p></div>
      <p>Both <span contenteditable="plaintext-only">Interpol</span> and <span hidden>Europol</span> are here.</p>
      <div contenteditable="false"><p>The FBI said</p></div>`,
      { mentions: 'all' },
    );
    await annotator.idle();
    const found = annotator.findings().entities;
    expect(found.find((e) => e.id === 'interpol')).toBeUndefined();
    expect(found.find((e) => e.id === 'europol')?.count).toBe(2);
    expect(found.find((e) => e.id === 'eurojust')?.count).toBe(1);
    expect(
      document.querySelector('[hidden] tl-mark, [contenteditable]:not([contenteditable="false"]) tl-mark'),
    ).toBeNull();
    expect(document.querySelector('[contenteditable="false"] tl-mark')?.getAttribute('data-entity')).toBe('fbi');
  });

  it('marks every mention when asked', async () => {
    const { annotator } = annotate(ARTICLE, { mentions: 'all' });
    await annotator.idle();
    expect(focusStops().filter((e) => e === 'europol')).toHaveLength(2);
    expect(focusStops().filter((e) => e === 'sparks-group')).toHaveLength(3);
  });

  it('marks only the kinds the reader chose', async () => {
    const { annotator } = annotate(ARTICLE, { markAgencies: false });
    await annotator.idle();
    expect(new Set(marked())).toEqual(new Set(['sparks-group']));
  });

  it('leaves pages that are not about piracy enforcement alone unless asked for every page', async () => {
    const story = '<p>Europol and the FBI seized cocaine in Rotterdam.</p>';
    const first = annotate(story);
    await first.annotator.idle();
    expect(first.annotator.findings().state).toBe('not-relevant');
    expect(marked()).toEqual([]);
    first.annotator.stop();
    const everywhere = annotate(story, { scope: 'everywhere' });
    await everywhere.annotator.idle();
    expect(marked()).toEqual(['europol', 'fbi']);
  });

  it('does not take words a reader cannot see or is editing as a sign of what the page is about', async () => {
    const story = '<p>Europol and the FBI seized cocaine in Rotterdam.</p>';
    const words = 'An online piracy group was dismantled. Prosecutors charged three men with copyright infringement.';
    for (const [extra, state] of [
      [`<div hidden><p>${words}</p></div>`, 'not-relevant'],
      [`<div contenteditable><p>${words}</p></div>`, 'not-relevant'],
      [`<div><p>${words}</p></div>`, 'annotated'],
    ] as const) {
      const { annotator } = annotate(story + extra);
      await annotator.idle();
      expect(annotator.findings().state).toBe(state);
      annotator.stop();
    }
  });

  it('restores the page exactly when stopped', async () => {
    const { annotator, before } = annotate(ARTICLE, { mentions: 'all' });
    await annotator.idle();
    expect(document.querySelectorAll('tl-mark').length).toBeGreaterThan(4);
    annotator.stop();
    expect(document.body.innerHTML).toBe(before);
  });

  it('does no more work after it is stopped', async () => {
    const { annotator, before } = annotate(ARTICLE);
    annotator.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(document.body.innerHTML).toBe(before);
  });

  it('restyles marks without reading the page again, and re-marks on other changes', async () => {
    const { annotator } = annotate(ARTICLE);
    await annotator.idle();
    const mark = document.querySelector('tl-mark');
    annotator.update({ ...defaults, style: 'highlight' });
    expect(document.querySelector('tl-mark')).toBe(mark);
    expect(mark?.getAttribute('data-style')).toBe('highlight');
    annotator.update({ ...defaults, style: 'highlight', mentions: 'all' });
    await annotator.idle();
    expect(focusStops().filter((e) => e === 'europol')).toHaveLength(2);
  });

  it('marks an ordinary page anyway when the reader asks', async () => {
    const { annotator } = annotate('<p>Europol and the FBI seized cocaine in Rotterdam.</p>');
    await annotator.idle();
    annotator.update({ ...defaults, force: true });
    await annotator.idle();
    expect(marked()).toEqual(['europol', 'fbi']);
  });
});

describe('live pages', () => {
  it('marks text the page adds later, and only that text', async () => {
    const { annotator } = annotate(ARTICLE);
    await annotator.idle();
    watchPage((nodes, removed) => annotator.rescan(nodes, removed));
    const added = document.createElement('article');
    added.innerHTML = '<p>Separately, Interpol issued a Red Notice.</p>';
    document.body.appendChild(added);
    await new Promise((r) => setTimeout(r, 30));
    await annotator.idle();
    expect(added.querySelector('tl-mark')?.getAttribute('data-entity')).toBe('interpol');
    expect(focusStops().filter((e) => e === 'europol')).toHaveLength(1);
  });

  it('never marks what the reader types into an editable region', async () => {
    const { annotator } = annotate(`${ARTICLE}<div contenteditable="true"><p>Dear editor,</p></div>`, {
      mentions: 'all',
    });
    await annotator.idle();
    watchPage((nodes, removed) => annotator.rescan(nodes, removed));
    const draft = document.querySelector('[contenteditable] p') as HTMLElement;
    draft.append(' Interpol and Europol agreed.');
    const typed = document.createElement('p');
    typed.textContent = 'The FBI too.';
    draft.after(typed);
    await new Promise((r) => setTimeout(r, 30));
    await annotator.idle();
    expect(document.querySelector('[contenteditable] tl-mark')).toBeNull();
    expect(annotator.findings().entities.find((e) => e.id === 'interpol')).toBeUndefined();
  });

  it('reports one batch of the whole page after a flood of additions', async () => {
    document.body.innerHTML = '<p>x</p>';
    const batches: Node[][] = [];
    watchPage((nodes) => batches.push(nodes), { floodLimit: 50 });
    for (let i = 0; i < 200; i++) document.body.appendChild(document.createElement('p'));
    await new Promise((r) => setTimeout(r, 30));
    expect(batches).toEqual([[document.body]]);
  });

  it('ignores its own changes to the page', async () => {
    document.body.innerHTML = '<p>Europol</p>';
    const batches: Node[][] = [];
    const watch = watchPage((nodes) => batches.push(nodes));
    watch.collect();
    document.body.querySelector('p')?.appendChild(document.createElement('span'));
    watch.discard();
    await new Promise((r) => setTimeout(r, 30));
    expect(batches).toEqual([]);
  });
});

describe('pages that re-render', () => {
  it('marks an entity again when the page removed its first mark', async () => {
    const { annotator } = annotate(ARTICLE);
    await annotator.idle();
    watchPage((nodes, removed) => annotator.rescan(nodes, removed));
    const heading = document.querySelector('h1') as HTMLElement;
    heading.textContent = 'Sparks Group piracy network taken offline';
    await new Promise((r) => setTimeout(r, 30));
    await annotator.idle();
    expect(heading.querySelector('tl-mark')?.getAttribute('data-entity')).toBe('sparks-group');
    expect(focusStops().filter((e) => e === 'sparks-group')).toHaveLength(1);
  });
});

describe('what a page that changes is about', () => {
  const settle = async (annotator: { idle(): Promise<void> }) => {
    await new Promise((r) => setTimeout(r, 30));
    await annotator.idle();
  };

  it('does not count the same words twice when the page is read again', async () => {
    // "piracy" and "torrents" score 2 each: 4, below the 6 that makes a page about piracy enforcement.
    const { annotator } = annotate('<p>Europol wrote about piracy and torrents.</p>');
    await annotator.idle();
    const before = annotator.findings().relevance.score;
    expect(before).toBeLessThan(6);
    watchPage((nodes, removed) => annotator.rescan(nodes, removed));
    const paragraph = document.querySelector('p') as HTMLElement;
    paragraph.append(' ');
    await settle(annotator);
    annotator.rescan([document]);
    await annotator.idle();
    expect(annotator.findings().relevance.score).toBe(before);
    expect(annotator.findings().state).toBe('not-relevant');
    expect(marked()).toEqual([]);
  });

  it('forgets what the page has removed, a whole block or a word of one', async () => {
    const { annotator } = annotate(
      '<p>Europol wrote about piracy, with <b>Eurojust</b>.</p><div id="gone"><p>The Pirate Bay was raided again.</p></div>',
    );
    await annotator.idle();
    const found = () => annotator.findings().entities.map((e) => e.id);
    expect(found()).toEqual(['europol', 'eurojust', 'the-pirate-bay']);
    const score = annotator.findings().relevance.score;
    watchPage((nodes, removed) => annotator.rescan(nodes, removed));
    document.getElementById('gone')?.remove();
    await settle(annotator);
    expect(found()).toEqual(['europol', 'eurojust']);
    expect(annotator.findings().relevance.score).toBeLessThan(score);
    document.querySelector('b')?.remove();
    await settle(annotator);
    expect(found()).toEqual(['europol']);
    expect(document.querySelector('p')?.textContent).toBe('Europol wrote about piracy, with .');
  });

  it('finds the page is about piracy enforcement when it adds a paragraph that names nothing', async () => {
    const { annotator } = annotate('<p>Europol wrote about piracy and torrents.</p>');
    await annotator.idle();
    expect(annotator.findings().state).toBe('not-relevant');
    watchPage((nodes, removed) => annotator.rescan(nodes, removed));
    const added = document.createElement('p');
    added.textContent = 'More on piracy, torrents and copyright infringement.';
    document.body.append(added);
    await settle(annotator);
    expect(annotator.findings().state).toBe('annotated');
    expect(marked()).toEqual(['europol']);
  });

  it('counts the mentions in every batch a live page adds, and counts again a short name the page later makes clear', async () => {
    // As on a real page, the page's own changes are read, not the annotator's marks.
    let watch: ReturnType<typeof watchPage> | undefined;
    const { annotator } = annotate(
      '<p>Sparks members were charged with criminal copyright infringement over online piracy and illegal streaming.</p>',
      {},
      { aroundWrites: { before: () => watch?.collect(), after: () => watch?.discard() } },
    );
    await annotator.idle();
    const counts = () => Object.fromEntries(annotator.findings().entities.map((e) => [e.id, e.count]));
    // "Sparks" alone names the Sparks Group only on a page that names the group in full.
    expect(annotator.findings().state).toBe('annotated');
    expect(counts()).toEqual({});
    watch = watchPage((nodes, removed) => annotator.rescan(nodes, removed));
    for (let i = 1; i <= 3; i++) {
      const added = document.createElement('p');
      added.textContent = `Update ${i}: Europol and Eurojust said the servers were seized.`;
      document.body.append(added);
      await settle(annotator);
      expect(counts()).toEqual({ europol: i, eurojust: i });
    }
    const clear = document.createElement('p');
    clear.textContent = 'The Sparks Group released films before their official release date.';
    document.body.append(clear);
    await settle(annotator);
    expect(counts()).toEqual({ europol: 3, eurojust: 3, 'sparks-group': 2 });
  });

  it('forgets a word the page removed from a paragraph that names nothing', async () => {
    const { annotator } = annotate('<p>Europol wrote.</p><p>A report on <b>piracy</b> and torrents.</p>');
    await annotator.idle();
    const score = annotator.findings().relevance.score;
    watchPage((nodes, removed) => annotator.rescan(nodes, removed));
    document.querySelector('b')?.remove();
    await settle(annotator);
    // "piracy" scored 2 (see above); "torrents" is still on the page.
    expect(annotator.findings().relevance.score).toBe(score - 2);
  });
});
