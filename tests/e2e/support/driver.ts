/**
 * What the browser tests need from a browser, so one set of test bodies runs in Chromium
 * (playwright-core) and Firefox (WebDriver BiDi).
 */
export interface Tab {
  /** Evaluates an expression (or the body of an async function) in the page and returns its JSON value. */
  eval<T>(expression: string): Promise<T>;
  /** Waits until the expression is truthy. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  hover(selector: string): Promise<void>;
  /** Moves the pointer to a corner of the viewport, away from every mark. */
  hoverAway(): Promise<void>;
  click(selector: string): Promise<void>;
  /** Touches an element with a finger and lifts it, as on a phone; `null` taps a corner of the viewport. */
  tap(selector: string | null): Promise<void>;
  press(key: 'Tab' | 'Enter' | 'Escape' | ' '): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Sets the viewport's size in CSS pixels, as zooming in does: a 1280-pixel-wide window at 200 % lays pages out in 640. */
  resize(width: number, height: number): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserDriver {
  name: 'chromium' | 'firefox';
  open(url: string): Promise<Tab>;
  /** The extension's popup page, speaking about `target`. */
  openPopup(target: Tab): Promise<Tab>;
  /** Text of the toolbar badge for a tab. */
  badgeText(target: Tab): Promise<string>;
  /** Errors the page reported (uncaught exceptions), collected since the tab opened. */
  pageErrors(target: Tab): string[];
  close(): Promise<void>;
}

export const CARD_TEXT = `document.querySelector('takedown-lens-card')?.shadowRoot?.querySelector('.card')?.textContent ?? ''`;
export const CARD_OPEN = `!!document.querySelector('takedown-lens-card')?.shadowRoot?.querySelector('[role="dialog"] .card[data-entity]')`;
export const MARKS = `[...document.querySelectorAll('tl-mark')].map((m) => m.getAttribute('data-entity'))`;
