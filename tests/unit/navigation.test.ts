import { describe, expect, it } from 'vitest';
import { isNewPage } from '../../lib/page/navigation';

const moving = (from: string, to: string) => isNewPage(new URL(from), new URL(to));

describe('when an address change is a new page', () => {
  it('is a new page when the path, the query or the site changes', () => {
    expect(moving('https://news.example/a', 'https://news.example/b')).toBe(true);
    expect(moving('https://news.example/a?page=1', 'https://news.example/a?page=2')).toBe(true);
    expect(moving('https://news.example/a', 'https://other.example/a')).toBe(true);
  });

  it('is the same page when only the place in it changes, or the address does not change at all', () => {
    expect(moving('https://news.example/a', 'https://news.example/a#europol')).toBe(false);
    expect(moving('https://news.example/a#one', 'https://news.example/a#two')).toBe(false);
    expect(moving('https://news.example/a#one', 'https://news.example/a')).toBe(false);
    expect(moving('https://news.example/a', 'https://news.example/a')).toBe(false);
  });

  it('is a new page when an app routes by the hash', () => {
    expect(moving('https://app.example/#/inbox', 'https://app.example/#/settings')).toBe(true);
    expect(moving('https://app.example/#!/inbox', 'https://app.example/#!/settings')).toBe(true);
    expect(moving('https://app.example/', 'https://app.example/#/inbox')).toBe(true);
  });
});
