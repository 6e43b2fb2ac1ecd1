import { describe, expect, it } from 'vitest';
import {
  BLOCK_GAP,
  chunkBlock,
  collectBlocks,
  nextChunk,
  startBlockWalk,
  type TextChunk,
  visibleText,
} from '../../lib/page/blocks';

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

  it('reads the text of HTML and XHTML elements but not of SVG or MathML ones, wherever a script put them', () => {
    const p = body('<p>Europol <b>said</b></p>').firstElementChild as HTMLElement;
    const svgText = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    svgText.textContent = 'Eurojust';
    const mathText = document.createElementNS('http://www.w3.org/1998/Math/MathML', 'mtext');
    mathText.textContent = 'BREIN';
    p.append(' and ', svgText, mathText);
    expect(collectBlocks(document.body).map((b) => b.text)).toEqual(['Europol said and ']);

    const xhtml = document.implementation.createDocument('http://www.w3.org/1999/xhtml', 'html');
    const xbody = xhtml.createElementNS('http://www.w3.org/1999/xhtml', 'body');
    const xp = xhtml.createElementNS('http://www.w3.org/1999/xhtml', 'p');
    const xb = xhtml.createElementNS('http://www.w3.org/1999/xhtml', 'b');
    xb.textContent = 'Homeland';
    xp.append(xb, ' Security');
    xbody.append(xp);
    xhtml.documentElement.append(xbody);
    expect(collectBlocks(xbody).map((b) => [b.element.localName, b.text])).toEqual([['p', 'Homeland Security']]);
  });

  it('leaves out the indentation between blocks, yet never joins the words on either side of it', () => {
    const blocks = collectBlocks(
      body('<div>\n  <p>Sparks</p>\n  <p>Group</p>\n  <ul>\n    <li> <b>Euro</b>pol </li>\n  </ul>\n</div>'),
    );
    expect(blocks.map((b) => b.text)).toEqual(['Sparks', 'Group', 'Europol ']);
    // A block holding only white space still separates its container's text before and after it.
    expect(collectBlocks(body('<div>Homeland<p>\n</p>Security</div>')).map((b) => b.text)).toEqual([
      'Homeland',
      'Security',
    ]);
    expect(
      collectBlocks(body('<div>Homeland <p>\u00a0</p> Security <b>Investigations</b></div>')).map((b) => b.text),
    ).toEqual(['Homeland ', ' Security Investigations']);
  });

  it('keeps a line break between the text on either side of <br>, <img> or <hr>, even inside inline markup', () => {
    expect(collectBlocks(body('<p>Sparks<br>Group</p>'))[0]?.text).toBe('Sparks\nGroup');
    expect(collectBlocks(body('<p><em>Sparks<br></em><b><img alt="">Group</b> and <i>Euro</i>pol</p>'))[0]?.text).toBe(
      'Sparks\nGroup and Europol',
    );
    expect(collectBlocks(body('<div>Pirate<hr>Bay</div>')).map((b) => b.text)).toEqual(['Pirate\nBay']);
  });

  it('separates two words an inline object of many nodes lies between, as it does an image', () => {
    const icon = (n: number) => `<span>${'<b></b>'.repeat(n)}</span>`;
    expect(collectBlocks(body(`<p>Sparks${icon(3)}Group</p>`))[0]?.text).toBe('SparksGroup');
    expect(collectBlocks(body(`<p>Sparks${icon(100)}Group</p>`))[0]?.text).toBe('Sparks\nGroup');
  });

  it('reads nothing of text a page adds inside preformatted text or SVG, when reading just that addition', () => {
    body(
      '<pre><span><b>Europol</b></span></pre><svg><g><text><tspan>Europol</tspan></text></g></svg><p><b>kept</b></p>',
    );
    const added = [...document.querySelectorAll('b, tspan')];
    expect(added.map((el) => visibleText(el))).toEqual(['', '', 'kept']);
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

  it('reads a page in chunks of whole blocks, whatever the node budget, with the same text as reading it at once', () => {
    body(
      '<h1>Sparks <em>Group</em></h1><p>one <b>two</b> <i>three</i> <u>four</u> five<br>six</p><p>Euro<i>pol</i></p>',
    );
    const whole = collectBlocks(document.body);
    for (const budget of [1, 2, 3, 7]) {
      const cursor = startBlockWalk(document.body);
      const chunks = [];
      while (!cursor.done) chunks.push(nextChunk(cursor, budget));
      const blocks = chunks.flatMap((chunk) => chunk.blocks.map((b) => chunkBlock(chunk, b)));
      expect(blocks.map((b) => [b.text, b.element.nodeName, b.starts, b.nodes.map((n) => n.data)])).toEqual(
        whole.map((b) => [b.text, b.element.nodeName, b.starts, b.nodes.map((n) => n.data)]),
      );
      for (const chunk of chunks) {
        expect(chunk.text).toBe(chunk.blocks.map((b) => chunk.text.slice(b.start, b.end)).join(BLOCK_GAP));
      }
    }
    expect(whole.map((b) => b.text)).toEqual(['Sparks Group', 'one two three four five\nsix', 'Europol']);
  });

  it('reads several subtrees as one chunk whose blocks are the same as read one by one, whatever the node budget', () => {
    body(
      '<article><p>Sparks <b>Group</b></p></article><article></article><article><h2>Euro<i>pol</i></h2>\n<p>x<br>y</p></article><p>not read</p>',
    );
    const roots = [...document.querySelectorAll('article')];
    const read = (chunk: TextChunk) =>
      chunk.blocks.map((b) => chunkBlock(chunk, b)).map((b) => [b.text, b.starts, b.nodes.map((n) => n.data)]);
    const apart = roots.map((root) => nextChunk(startBlockWalk(root), 100));
    const [first, ...rest] = roots;
    if (!first) throw new Error('the fixture has articles');
    const together = nextChunk(startBlockWalk(first, rest), 100);
    expect(read(together)).toEqual(apart.flatMap(read));
    expect(together.text).toBe(['Sparks Group', 'Europol', 'x\ny'].join(BLOCK_GAP));
    for (const budget of [1, 2, 3]) {
      const cursor = startBlockWalk(first, rest);
      const chunks: TextChunk[] = [];
      while (!cursor.done) chunks.push(nextChunk(cursor, budget));
      expect(chunks.flatMap(read)).toEqual(apart.flatMap(read));
    }
  });
});
