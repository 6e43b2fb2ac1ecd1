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

  it('keeps a line break between the text on either side of <br>', () => {
    expect(collectBlocks(body('<p>Sparks<br>Group</p>'))[0]?.text).toBe('Sparks\nGroup');
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
