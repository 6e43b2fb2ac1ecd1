import { describe, expect, it } from 'vitest';
import { collectBlocks } from '../../lib/page/blocks';
import { createMarker } from '../../lib/page/marker';

const attrs = { entity: 'europol', kind: 'agency' as const, style: 'underline', focusable: true };

function setup(html: string) {
  document.body.innerHTML = html;
  const before = document.body.innerHTML;
  const textNodes: Text[] = [];
  const walker = document.createTreeWalker(document.body, 4);
  while (walker.nextNode()) textNodes.push(walker.currentNode as Text);
  return { before, textNodes, marker: createMarker(document), blocks: collectBlocks(document.body) };
}

describe('marking and restoring', () => {
  it('wraps a span in a mark without changing the text', () => {
    const { marker, blocks } = setup('<p>Police and Europol acted.</p>');
    const block = blocks[0]!;
    const start = block.text.indexOf('Europol');
    marker.mark(block, start, start + 7, attrs);
    const mark = document.querySelector('tl-mark');
    expect(mark?.textContent).toBe('Europol');
    expect(mark?.getAttribute('data-entity')).toBe('europol');
    expect(document.body.textContent).toBe('Police and Europol acted.');
  });

  it('keeps the page’s own Text node for the text before a mark and moves, not copies, the rest', () => {
    const { marker, blocks, textNodes } = setup('<p>Police and Europol acted.</p>');
    const original = textNodes[0]!;
    marker.mark(blocks[0]!, 11, 18, attrs);
    expect(original.isConnected).toBe(true);
    expect(original.data).toBe('Police and ');
  });

  it('restores the DOM exactly, rejoining split nodes into the original node', () => {
    const { marker, blocks, before, textNodes } = setup('<p>Police and Europol acted with <em>Euro</em>pol again.</p>');
    const block = blocks[0]!;
    const second = block.text.lastIndexOf('Europol');
    const first = block.text.indexOf('Europol');
    marker.mark(block, second, second + 7, attrs);
    marker.mark(block, first, first + 7, attrs);
    expect(document.querySelectorAll('tl-mark').length).toBe(3);
    marker.restore();
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelectorAll('tl-mark').length).toBe(0);
    expect(textNodes.every((n) => n.isConnected)).toBe(true);
    expect(document.body.querySelector('p')?.childNodes.length).toBe(3);
  });

  it('marks a name split across elements piece by piece, with one focus stop', () => {
    const { marker, blocks } = setup('<p>Homeland <em>Security</em> Investigations</p>');
    const block = blocks[0]!;
    marker.mark(block, 0, block.text.length, { ...attrs, entity: 'hsi' });
    const pieces = [...document.querySelectorAll('tl-mark')];
    expect(pieces.map((p) => p.textContent)).toEqual(['Homeland ', 'Security', ' Investigations']);
    expect(pieces.filter((p) => p.getAttribute('tabindex') === '0')).toHaveLength(1);
  });

  it('gives a mark inside a link no focus stop of its own', () => {
    const { marker, blocks } = setup('<p><a href="#x">Europol</a></p>');
    marker.mark(blocks[0]!, 0, 7, attrs);
    const mark = document.querySelector('tl-mark');
    expect(mark?.hasAttribute('tabindex')).toBe(false);
    expect(mark?.hasAttribute('role')).toBe(false);
  });

  it('does not mark text that is already marked', () => {
    const { marker, blocks } = setup('<p>Europol</p>');
    marker.mark(blocks[0]!, 0, 7, attrs);
    const again = collectBlocks(document.body)[0]!;
    expect(marker.mark(again, 0, 7, attrs)).toBeUndefined();
    expect(document.querySelectorAll('tl-mark').length).toBe(1);
  });

  it('restores what it can when the page removed a marked paragraph meanwhile', () => {
    const { marker, blocks } = setup('<p>Europol</p><p>Eurojust stays</p>');
    marker.mark(blocks[0]!, 0, 7, attrs);
    marker.mark(blocks[1]!, 0, 8, attrs);
    document.querySelector('p')?.remove();
    marker.restore();
    expect(document.body.innerHTML).toBe('<p>Eurojust stays</p>');
  });
});
