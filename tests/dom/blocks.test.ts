import { describe, expect, it } from 'vitest';
import { collectBlocks, visibleText } from '../../lib/page/blocks';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

describe('reading the page as blocks', () => {
  it('joins a name split by inline elements into one block', () => {
    const blocks = collectBlocks(body('<p>Homeland <em>Security</em> <a href="#">Investigations</a> said</p>'));
    expect(blocks.map((b) => b.text)).toEqual(['Homeland Security Investigations said']);
    expect(blocks[0]?.nodes).toHaveLength(5);
  });

  it('never joins text across block boundaries', () => {
    const blocks = collectBlocks(body('<div><p>Sparks</p><p>Group</p></div><h2>Euro</h2><li>pol</li>'));
    expect(blocks.map((b) => b.text)).toEqual(['Sparks', 'Group', 'Euro', 'pol']);
  });

  it('keeps a line break between the text on either side of <br>, <img> or <hr>, even inside inline markup', () => {
    expect(collectBlocks(body('<p>Sparks<br>Group</p>'))[0]?.text).toBe('Sparks\nGroup');
    expect(collectBlocks(body('<p><em>Sparks<br></em><b><img alt="">Group</b> and <i>Euro</i>pol</p>'))[0]?.text).toBe(
      'Sparks\nGroup and Europol',
    );
    expect(collectBlocks(body('<div>Pirate<hr>Bay</div>')).map((b) => b.text)).toEqual(['Pirate\nBay']);
  });

  it('skips everything inside a skipped element, however deep, and reads on after it', () => {
    const text = visibleText(
      body(
        '<div hidden><p><span><em>Europol</em></span></p></div><p>after <span contenteditable><b>Eurojust</b></span> end</p>',
      ),
    );
    expect(text).toBe('after  end');
  });

  it('reads text nested thousands of elements deep', () => {
    let at: Element = body('<p></p>').firstElementChild as Element;
    for (let i = 0; i < 3000; i++) at = at.appendChild(document.createElement(i % 2 ? 'span' : 'div'));
    at.textContent = 'Europol';
    expect(collectBlocks(document.body).map((b) => [b.text, b.element === at.parentElement])).toEqual([
      ['Europol', true],
    ]);
  });

  it('skips scripts, styles, forms, code, editable regions, SVG and hidden elements', () => {
    const text = visibleText(
      body(`
        <p>visible</p>
        <script>var europol = 1;</script><style>.europol{}</style><noscript>Europol</noscript>
        <template><p>Europol</p></template>
        <textarea>Europol</textarea><input value="Europol"><select><option>Europol</option></select>
        <pre>Europol</pre><code>Europol</code><p>see <code>Europol</code> here</p>
        <div contenteditable="true">Europol</div><div contenteditable="false">kept</div>
        <svg><text>Europol</text></svg>
        <div hidden>Europol</div>
        <takedown-lens-card>Europol</takedown-lens-card>
      `),
    );
    expect(text).not.toMatch(/europol/i);
    expect(text).toContain('visible');
    expect(text).toContain('kept');
    expect(text).toContain('see');
  });

  it('maps each node to its offset in the block text', () => {
    const [block] = collectBlocks(body('<p>one <b>two</b> three</p>'));
    expect(block?.starts).toEqual([0, 4, 7]);
    block?.nodes.forEach((node, i) => {
      expect(block.text.slice(block.starts[i], (block.starts[i] ?? 0) + node.data.length)).toBe(node.data);
    });
  });
});
