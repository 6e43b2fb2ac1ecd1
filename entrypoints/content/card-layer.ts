import type { Translate } from '../../components/i18n';
import type { EntityDetails } from '../../lib/extension/messages';
import { CARD_HOST_TAG, MARK_TAG } from '../../lib/page/blocks';
import { createHoverIntent } from '../../lib/page/hover-intent';
import type { CardView, CardViewOptions } from './card-view';

export interface CardLayerOptions {
  doc: Document;
  t: Translate;
  fetchDetails: (id: string) => Promise<EntityDetails | null>;
  schedule: (run: () => void, delayMs: number) => () => void;
  /** Loads the code that draws cards; called once, when the first card opens. */
  loadView: () => Promise<(options: CardViewOptions) => CardView>;
  onError?: (error: unknown) => void;
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

/**
 * When cards open and close: hover (with intent), focus, click or tap to pin, Escape, and
 * moving between related entities. Drawing is the card view's, loaded on first use.
 */
export function createCardLayer(options: CardLayerOptions): CardLayer {
  const { doc } = options;
  let current: { mark: HTMLElement; pinned: boolean; stack: EntityDetails[]; failed: boolean } | undefined;
  let openToken = 0;
  let view: CardView | undefined;
  let loading: Promise<CardView | undefined> | undefined;
  let destroyed = false;

  const loadView = (): Promise<CardView | undefined> => {
    loading ??= options.loadView().then(
      (create) => {
        if (destroyed) return undefined;
        view = create({
          doc,
          hostTag: CARD_HOST_TAG,
          t: options.t,
          onNavigate: (id) => void navigate(id),
          onBack: () => back(),
          onClose: () => close(true),
          onPointerEnter: () => intent.hold(),
          onPointerLeave: () => {
            if (!current?.pinned) intent.leave();
          },
        });
        return view;
      },
      (error: unknown) => {
        // A failed load (the extension updated under the page) may succeed on a later open.
        loading = undefined;
        options.onError?.(error);
        return undefined;
      },
    );
    return loading;
  };

  /** Draws the top of the card stack, or a loading / failure note while there is none. */
  const show = () => {
    if (!current || !view) return;
    view.show(current.mark, {
      details: current.stack[current.stack.length - 1],
      failed: current.failed,
      canGoBack: current.stack.length > 1,
    });
  };

  const navigate = async (id: string) => {
    if (!current) return;
    const token = ++openToken;
    const details = await options.fetchDetails(id).catch(() => null);
    if (!current || token !== openToken || !details) return;
    current.pinned = true;
    current.stack.push(details);
    show();
    view?.focus();
  };

  const back = () => {
    if (!current || current.stack.length < 2) return;
    current.stack.pop();
    show();
    view?.focus();
  };

  const open = async (mark: HTMLElement, how: { pinned: boolean; focus: boolean }) => {
    const id = mark.getAttribute('data-entity');
    if (!id) return;
    if (current?.mark === mark && current.stack.length > 0) {
      current.pinned ||= how.pinned;
      if (how.focus) view?.focus();
      return;
    }
    close(false);
    const token = ++openToken;
    current = { mark, pinned: how.pinned, stack: [], failed: false };
    setExpanded(mark, true);
    const details = options.fetchDetails(id).catch(() => null);
    if (!(await loadView())) {
      // Nothing can be shown: the next click, focus or hover starts afresh rather than closing an invisible card.
      if (token === openToken) close(false);
      return;
    }
    show();
    const found = await details;
    if (token !== openToken || current?.mark !== mark) return;
    if (found) current.stack.push(found);
    current.failed = found === null;
    show();
    if (how.focus) view?.focus();
  };

  const close = (returnFocus: boolean) => {
    intent.cancel();
    openToken++;
    view?.hide();
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

  const inCard = (target: EventTarget | null) => view?.contains(target) === true;

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
      destroyed = true;
      close(false);
      for (const [type, fn] of listeners) doc.removeEventListener(type, fn, true);
      view?.destroy();
      view = undefined;
    },
  };
}

function setExpanded(mark: HTMLElement, expanded: boolean) {
  if (mark.hasAttribute('aria-expanded')) mark.setAttribute('aria-expanded', String(expanded));
}
