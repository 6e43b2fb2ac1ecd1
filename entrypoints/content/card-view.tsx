import { autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import { Card } from '../../components/Card';
import { CARD_CSS } from '../../components/card-styles';
import type { Translate } from '../../components/i18n';
import type { EntityDetails } from '../../lib/extension/messages';

/**
 * Drawing a card: Preact in a shadow root, placed by Floating UI. Its own chunk of the page
 * module, loaded the first time a reader opens a card, so pages where no card is opened
 * never load Preact or Floating UI.
 */

export interface CardViewOptions {
  doc: Document;
  /**
   * The host element's tag (blocks.ts's CARD_HOST_TAG), passed in: this chunk may import no
   * module the page module also imports, or the build would split one out that the extension
   * cannot serve at its per-session address (see lib/build/page-module.ts).
   */
  hostTag: string;
  t: Translate;
  onNavigate(id: string): void;
  onBack(): void;
  onClose(): void;
  onPointerEnter(): void;
  onPointerLeave(): void;
}

export interface CardContent {
  /** The card to draw; absent while it loads or when it could not be loaded (`failed`). */
  details?: EntityDetails;
  failed?: boolean;
  canGoBack: boolean;
}

export interface CardView {
  show(mark: HTMLElement, content: CardContent): void;
  hide(): void;
  /** Moves focus to the card's first control, or its heading. */
  focus(): void;
  contains(target: EventTarget | null): boolean;
  /** Removes the card's host element; nothing of it is left in the page. */
  destroy(): void;
}

/** Dark cards on dark pages: follows the page's own background when it has one. */
function pageTheme(doc: Document): 'dark' | 'light' | undefined {
  const view = doc.defaultView;
  if (!view) return undefined;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const m = view
      .getComputedStyle(el)
      .backgroundColor.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/);
    if (!m || (m[4] !== undefined && Number(m[4]) === 0)) continue;
    const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110 ? 'dark' : 'light';
  }
  return undefined;
}

export function createCardView(options: CardViewOptions): CardView {
  const { doc, t } = options;
  let host: HTMLElement | undefined;
  let container: HTMLElement | undefined;
  let stopPositioning: (() => void) | undefined;
  const titleId = 'takedown-lens-card-title';

  const ensureHost = () => {
    if (host?.isConnected && container) return container;
    host = doc.createElement(options.hostTag);
    const shadow = host.attachShadow({ mode: 'open' });
    adoptStyles(doc, shadow);
    container = doc.createElement('div');
    container.className = 'layer';
    shadow.appendChild(container);
    container.addEventListener('pointerenter', () => options.onPointerEnter(), true);
    container.addEventListener('pointerleave', () => options.onPointerLeave());
    doc.documentElement.appendChild(host);
    return container;
  };

  const position = (reference: HTMLElement) => {
    stopPositioning?.();
    const card = container?.querySelector('.card') as HTMLElement | null;
    if (!card) return;
    // Hidden until placed, so a new card never shows for a frame at the viewport's corner.
    if (!card.style.left) card.style.visibility = 'hidden';
    stopPositioning = autoUpdate(reference, card, () => {
      computePosition(reference, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          inline(),
          offset(6),
          flip({ padding: 8 }),
          // On a short viewport (a page zoomed in, a phone on its side) the card takes the room on the
          // side of the name with the most, and its body scrolls: it never covers the name it explains.
          size({
            padding: 8,
            apply: ({ availableHeight, elements }) =>
              elements.floating.style.setProperty('--room', `${Math.max(0, Math.floor(availableHeight))}px`),
          }),
          shift({ padding: 8 }),
        ],
      }).then(({ x, y }) => {
        // left/top, not transform: the appear animation animates transform and would override it.
        card.style.left = `${Math.round(x)}px`;
        card.style.top = `${Math.round(y)}px`;
        card.style.visibility = 'visible';
      });
    });
  };

  const hide = () => {
    stopPositioning?.();
    stopPositioning = undefined;
    if (container) render(null, container);
  };

  return {
    show(mark, content) {
      const root = ensureHost();
      const theme = pageTheme(doc);
      if (theme) host?.setAttribute('data-theme', theme);
      else host?.removeAttribute('data-theme');
      const { details } = content;
      render(
        details ? (
          <div role="dialog" aria-labelledby={titleId}>
            <Card
              details={details}
              t={t}
              titleId={titleId}
              onNavigate={options.onNavigate}
              onBack={content.canGoBack ? options.onBack : undefined}
              onClose={options.onClose}
            />
          </div>
        ) : (
          <div role="dialog" aria-label={t('cardDialogLabel', mark.textContent ?? '')}>
            <article class="card">
              <p class="status">{content.failed ? t('cardUnavailable') : t('cardLoading')}</p>
            </article>
          </div>
        ),
        root,
      );
      position(mark);
    },
    hide,
    focus() {
      const heading = container?.querySelector('h2') as HTMLElement | null;
      const target =
        (container?.querySelector('header button, .body a, .body button') as HTMLElement | null) ?? heading;
      target?.focus({ preventScroll: true });
    },
    contains(target) {
      return target instanceof Node && host !== undefined && host.contains(target);
    },
    destroy() {
      hide();
      host?.remove();
      host = undefined;
      container = undefined;
    },
  };
}

/**
 * A constructed sheet is not subject to the page's style-src; where a browser will not
 * adopt one made in the content script's world, a <style> element is the fallback.
 */
function adoptStyles(doc: Document, shadow: ShadowRoot) {
  try {
    const Sheet = doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(CARD_CSS);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch {
    const style = doc.createElement('style');
    style.textContent = CARD_CSS;
    shadow.appendChild(style);
  }
}
