/**
 * When a card opens and closes, after Wikipedia's Page Previews: a short dwell before
 * opening (so a pointer passing over a name does not flash a card), and a grace period
 * before closing, cancelled if the pointer comes back or moves into the card.
 */
export interface HoverIntentOptions {
  openDelayMs?: number;
  closeDelayMs?: number;
  schedule: (run: () => void, delayMs: number) => () => void;
  open: (target: Element) => void;
  close: () => void;
}

export interface HoverIntent {
  /** The pointer entered a mark. */
  enter(target: Element): void;
  /** The pointer left a mark or the card. */
  leave(): void;
  /** The pointer is over the card: keep it open. */
  hold(): void;
  /** Cancel anything pending (a card opened or closed another way). */
  cancel(): void;
}

export function createHoverIntent(options: HoverIntentOptions): HoverIntent {
  let pendingOpen: (() => void) | undefined;
  let pendingClose: (() => void) | undefined;
  const clearOpen = () => {
    pendingOpen?.();
    pendingOpen = undefined;
  };
  const clearClose = () => {
    pendingClose?.();
    pendingClose = undefined;
  };
  return {
    enter(target) {
      clearClose();
      clearOpen();
      pendingOpen = options.schedule(() => {
        pendingOpen = undefined;
        options.open(target);
      }, options.openDelayMs ?? 250);
    },
    leave() {
      clearOpen();
      clearClose();
      pendingClose = options.schedule(() => {
        pendingClose = undefined;
        options.close();
      }, options.closeDelayMs ?? 300);
    },
    hold() {
      clearClose();
    },
    cancel() {
      clearOpen();
      clearClose();
    },
  };
}
