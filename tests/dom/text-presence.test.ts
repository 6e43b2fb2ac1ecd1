import { afterEach, describe, expect, it } from 'vitest';
import { hasText, whenText } from '../../lib/page/text-presence';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('deciding whether a page has anything to read', () => {
  it('sees no text on a blank page, in whitespace, scripts and styles, and text as soon as there is a word', () => {
    document.body.innerHTML = '';
    expect(hasText(document)).toBe(false);
    document.body.innerHTML = '\n  <div> \u00a0 </div><script>var europol = 1;</script><style>p{}</style>';
    expect(hasText(document)).toBe(false);
    document.body.innerHTML = '<div><span>Europol</span></div>';
    expect(hasText(document)).toBe(true);
  });

  it('waits for a page that renders its text later, and reports it once', async () => {
    let calls = 0;
    const cancel = whenText(document, () => calls++);
    document.body.appendChild(document.createElement('div'));
    await settle();
    expect(calls).toBe(0);
    document.body.appendChild(document.createElement('p')).textContent = 'The Sparks Group';
    await settle();
    document.body.appendChild(document.createElement('p')).textContent = 'More text';
    await settle();
    expect(calls).toBe(1);
    cancel();
  });

  it('reports at once when the text is already there', () => {
    document.body.innerHTML = '<p>Eurojust</p>';
    let calls = 0;
    whenText(document, () => calls++)();
    expect(calls).toBe(1);
  });

  it('stops watching when cancelled: text added afterwards changes nothing', async () => {
    let calls = 0;
    const cancel = whenText(document, () => calls++);
    cancel();
    document.body.appendChild(document.createElement('p')).textContent = 'Europol';
    await settle();
    expect(calls).toBe(0);
  });
});
