import { autoUpdate, computePosition, flip, inline, offset, shift } from '@floating-ui/dom';
import { render } from 'preact';
import { Card } from '../../components/Card';
import { CARD_CSS } from '../../components/card-styles';
import type { Translate } from '../../components/i18n';
import type { EntityDetails } from '../../lib/extension/messages';
import { MARK_TAG } from '../../lib/page/blocks';
import { createHoverIntent } from '../../lib/page/hover-intent';

export const CARD_HOST_TAG = 'takedown-lens-card';

export interface CardLayerOptions {
  doc: Document;
  t: Translate;
  fetchDetails: (id: string) => Promise<EntityDetails | null>;
  schedule: (run: () => void, delayMs: number) => () => void;
}

export interface CardLayer {
  /** Opens the card of a mark, as a click would (pinned), and moves focus into it. */
  open(mark: HTMLElement, how: { pinned: boolean; focus: boolean }): Promise<void>;
  close(returnFocus: boolean): void;
  /** Removes the layer and every listener; nothing of it is left in the page. */
  destroy(): void;
}

function markOf(target: EventTarget | null): HTMLElement | null {
  const el = target as Element | null;
  if (!el || typeof el.closest !== 'function') return null;
  return el.closest(MARK_TAG.toLowerCase()) as HTMLElement | null;
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

export function createCardLayer(options: CardLayerOptions): CardLayer {
  const { doc, t } = options;
  let host: HTMLElement | undefined;
  let container: HTMLElement | undefined;
  let current: { mark: HTMLElement; pinned: boolean; stack: EntityDetails[] } | undefined;
  let stopPositioning: (() => void) | undefined;
  let openToken = 0;
  const titleId = 'takedown-lens-card-title';

  const ensureHost = () => {
    if (host?.isConnected && container) return container;
    host = doc.createElement(CARD_HOST_TAG);
    const shadow = host.attachShadow({ mode: 'open' });
    adoptStyles(doc, shadow);
    container = doc.createElement('div');
    container.className = 'layer';
    shadow.appendChild(container);
    container.addEventListener('pointerenter', () => intent.hold(), true);
    container.addEventListener('pointerleave', () => {
      if (!current?.pinned) intent.leave();
    });
    doc.documentElement.appendChild(host);
    return container;
  };

  const position = () => {
    stopPositioning?.();
    const card = container?.querySelector('.card') as HTMLElement | null;
    if (!current || !card) return;
    const reference = current.mark;
    // Hidden until placed, so a new card never shows for a frame at the viewport's corner.
    if (!card.style.left) card.style.visibility = 'hidden';
    stopPositioning = autoUpdate(reference, card, () => {
      computePosition(reference, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [inline(), offset(6), flip({ padding: 8 }), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        // left/top, not transform: the appear animation animates transform and would override it.
        card.style.left = `${Math.round(x)}px`;
        card.style.top = `${Math.round(y)}px`;
        card.style.visibility = 'visible';
      });
    });
  };

  /** Renders the top of the card stack, or a loading / failure note while there is none. */
  const show = (mark: HTMLElement, failed = false) => {
    const root = ensureHost();
    const theme = pageTheme(doc);
    if (theme) host?.setAttribute('data-theme', theme);
    else host?.removeAttribute('data-theme');
    const top = current?.stack[current.stack.length - 1];
    render(
      top ? (
        <div role="dialog" aria-labelledby={titleId}>
          <Card
            details={top}
            t={t}
            titleId={titleId}
            onNavigate={(id) => navigate(id)}
            onBack={current && current.stack.length > 1 ? () => back() : undefined}
            onClose={() => close(true)}
          />
        </div>
      ) : (
        <div role="dialog" aria-label={t('cardDialogLabel', mark.textContent ?? '')}>
          <article class="card">
            <p class="status">{failed ? t('cardUnavailable') : t('cardLoading')}</p>
          </article>
        </div>
      ),
      root,
    );
    position();
  };

  const navigate = async (id: string) => {
    if (!current) return;
    const token = ++openToken;
    const details = await options.fetchDetails(id).catch(() => null);
    if (!current || token !== openToken || !details) return;
    current.pinned = true;
    current.stack.push(details);
    show(current.mark);
    focusCard();
  };

  const back = () => {
    if (!current || current.stack.length < 2) return;
    current.stack.pop();
    show(current.mark);
    focusCard();
  };

  const focusCard = () => {
    const heading = container?.querySelector('h2') as HTMLElement | null;
    const target = (container?.querySelector('header button, .body a, .body button') as HTMLElement | null) ?? heading;
    target?.focus({ preventScroll: true });
  };

  const open = async (mark: HTMLElement, how: { pinned: boolean; focus: boolean }) => {
    const id = mark.getAttribute('data-entity');
    if (!id) return;
    if (current?.mark === mark && current.stack.length > 0) {
      current.pinned ||= how.pinned;
      if (how.focus) focusCard();
      return;
    }
    close(false);
    const token = ++openToken;
    current = { mark, pinned: how.pinned, stack: [] };
    setExpanded(mark, true);
    show(mark);
    const details = await options.fetchDetails(id).catch(() => null);
    if (token !== openToken || current?.mark !== mark) return;
    if (details) current.stack.push(details);
    show(mark, details === null);
    if (how.focus) focusCard();
  };

  const close = (returnFocus: boolean) => {
    intent.cancel();
    openToken++;
    stopPositioning?.();
    stopPositioning = undefined;
    if (container) render(null, container);
    if (current) {
      setExpanded(current.mark, false);
      if (returnFocus && current.mark.isConnected && current.mark.hasAttribute('tabindex')) {
        current.mark.focus({ preventScroll: true });
      }
    }
    current = undefined;
  };

  const intent = createHoverIntent({
    schedule: options.schedule,
    open: (target) => void open(target as HTMLElement, { pinned: false, focus: false }),
    close: () => {
      if (!current?.pinned) close(false);
    },
  });

  const inCard = (target: EventTarget | null) => target instanceof Node && host !== undefined && host.contains(target);

  const onPointerOver = (event: PointerEvent) => {
    if (event.pointerType === 'touch') return;
    const mark = markOf(event.target);
    if (mark && !(current?.pinned && current.mark !== mark)) intent.enter(mark);
  };
  const onPointerOut = (event: PointerEvent) => {
    const mark = markOf(event.target);
    if (!mark || markOf(event.relatedTarget) === mark) return;
    if (current?.pinned) return;
    intent.leave();
  };
  const onClick = (event: MouseEvent) => {
    const mark = markOf(event.target);
    if (mark) {
      if (current?.mark === mark && current.pinned && current.stack.length > 0) {
        close(false);
        return;
      }
      void open(mark, { pinned: true, focus: false });
      return;
    }
    if (current?.pinned && !inCard(event.composedPath()[0] ?? null) && !inCard(event.target)) close(false);
  };
  const onFocusIn = (event: FocusEvent) => {
    const mark = markOf(event.target);
    if (mark && mark !== current?.mark) void open(mark, { pinned: false, focus: false });
  };
  const onFocusOut = (event: FocusEvent) => {
    const mark = markOf(event.target);
    if (!mark || !current || current.pinned) return;
    if (inCard(event.relatedTarget) || markOf(event.relatedTarget) === mark) return;
    close(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && current) {
      const fromCard = inCard(event.target) || markOf(event.target) === current.mark;
      close(fromCard || current.pinned);
      return;
    }
    const mark = markOf(event.target);
    if (mark && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      void open(mark, { pinned: true, focus: true });
    }
  };

  const listeners: [string, EventListener][] = [
    ['pointerover', onPointerOver as EventListener],
    ['pointerout', onPointerOut as EventListener],
    ['click', onClick as EventListener],
    ['focusin', onFocusIn as EventListener],
    ['focusout', onFocusOut as EventListener],
    ['keydown', onKeyDown as EventListener],
  ];
  for (const [type, fn] of listeners) doc.addEventListener(type, fn, true);

  return {
    open,
    close,
    destroy() {
      close(false);
      for (const [type, fn] of listeners) doc.removeEventListener(type, fn, true);
      host?.remove();
      host = undefined;
      container = undefined;
    },
  };
}

function setExpanded(mark: HTMLElement, expanded: boolean) {
  if (mark.hasAttribute('aria-expanded')) mark.setAttribute('aria-expanded', String(expanded));
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
