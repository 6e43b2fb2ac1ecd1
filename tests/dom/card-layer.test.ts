import { afterEach, describe, expect, it } from 'vitest';
import { createCardLayer } from '../../entrypoints/content/card-layer';
import { type CardViewOptions, createCardView } from '../../entrypoints/content/card-view';
import { entityDetails } from '../../lib/dataset/lookup';
import type { EntityDetails } from '../../lib/extension/messages';
import { CARD_HOST_TAG } from '../../lib/page/blocks';
import { loadDataset } from '../support/dataset';

const { details } = loadDataset();
const t = (key: string) => key;
const later = (run: () => void, ms: number) => {
  const id = setTimeout(run, ms);
  return () => clearTimeout(id);
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
/** Clicks a mark and waits for what the click starts (loading the view, fetching details). */
const clickAndSettle = async (mark: HTMLElement) => {
  mark.click();
  await settle();
};

function page() {
  document.body.innerHTML =
    '<p>The <tl-mark data-entity="sparks-group" tabindex="0" aria-expanded="false">Sparks Group</tl-mark> and <tl-mark data-entity="europol" tabindex="0" aria-expanded="false">Europol</tl-mark>.</p>';
  return [...document.querySelectorAll('tl-mark')] as HTMLElement[];
}

const layers: { destroy(): void }[] = [];

function layer(loadView: () => Promise<(o: CardViewOptions) => ReturnType<typeof createCardView>>) {
  const created = createCardLayer({
    doc: document,
    t,
    fetchDetails: async (id) => entityDetails(details, id) as EntityDetails | null,
    schedule: later,
    loadView,
  });
  layers.push(created);
  return created;
}

/** The entity of the card on screen, or null when none is. */
const shownCard = () =>
  (document.querySelector(CARD_HOST_TAG)?.shadowRoot?.querySelector('.card[data-entity]') as HTMLElement | null)
    ?.dataset.entity ?? null;

afterEach(() => {
  for (const l of layers.splice(0)) l.destroy();
  document.body.innerHTML = '';
  for (const el of document.querySelectorAll(CARD_HOST_TAG)) el.remove();
});

describe('the card layer', () => {
  it('loads the code that draws cards only when the first card opens, and only once', async () => {
    const [sparks, europol] = page() as [HTMLElement, HTMLElement];
    let loads = 0;
    const cards = layer(async () => {
      loads++;
      return createCardView;
    });
    await settle();
    expect(loads).toBe(0);
    expect(document.querySelector(CARD_HOST_TAG)).toBeNull();

    await clickAndSettle(sparks);
    expect(loads).toBe(1);
    expect(shownCard()).toBe('sparks-group');
    expect(sparks.getAttribute('aria-expanded')).toBe('true');

    await clickAndSettle(europol);
    expect(loads).toBe(1);
    expect(shownCard()).toBe('europol');
    cards.destroy();
  });

  it('tries again on the next open when loading the card code failed', async () => {
    const [sparks] = page() as [HTMLElement];
    let loads = 0;
    const cards = layer(async () => {
      loads++;
      if (loads === 1) throw new Error('extension updated');
      return createCardView;
    });
    await clickAndSettle(sparks);
    expect(document.querySelector(CARD_HOST_TAG)).toBeNull();
    await clickAndSettle(sparks);
    expect(loads).toBe(2);
    expect(shownCard()).toBe('sparks-group');
    cards.destroy();
  });

  it('leaves nothing in the page when destroyed, and no longer opens cards', async () => {
    const [sparks] = page() as [HTMLElement];
    const before = document.body.innerHTML;
    const cards = layer(async () => createCardView);
    await clickAndSettle(sparks);
    expect(document.querySelector(CARD_HOST_TAG)).not.toBeNull();
    cards.destroy();
    expect(document.querySelector(CARD_HOST_TAG)).toBeNull();
    expect(document.body.innerHTML).toBe(before);
    await clickAndSettle(sparks);
    expect(document.querySelector(CARD_HOST_TAG)).toBeNull();
  });
});
