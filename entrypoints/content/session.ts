import type { Translate } from '../../components/i18n';
import type { EntityDetails, PageReport } from '../../lib/extension/messages';
import type { Matcher } from '../../lib/match/matcher';
import { type Annotator, createAnnotator, type Findings } from '../../lib/page/annotator';
import { watchMutations } from '../../lib/page/mutations';
import { whenQuiet } from '../../lib/page/quiet';
import { createWorkQueue } from '../../lib/page/work-queue';
import type { Settings } from '../../lib/settings/schema';
import { type CardLayer, createCardLayer } from './card-layer';
import type { CardView, CardViewOptions } from './card-view';

export interface SessionOptions {
  doc: Document;
  host: string;
  /** Why the extension is not at work on this page (see lib/settings/sites.ts), or undefined: the loader's, so the page module does not carry it twice. */
  switchedOff: (settings: Settings | undefined) => 'off' | 'site-off' | undefined;
  /** Compiled on first use: a page where the extension is off never pays for it. */
  matcher: () => Matcher;
  t: Translate;
  fetchDetails: (id: string) => Promise<EntityDetails | null>;
  /** Loads the code that draws cards, when the first card opens. */
  loadCardView: () => Promise<(options: CardViewOptions) => CardView>;
  report: (report: PageReport) => void;
  /** Runs `fn` soon in a new task; returns a cancel. */
  soon: (fn: () => void) => () => void;
  /** Runs `fn` after `ms`; returns a cancel. */
  later: (fn: () => void, ms: number) => () => void;
  now: () => number;
  onIdle?: () => void;
  onError?: (error: unknown) => void;
}

export interface PageSession {
  apply(settings: Settings): void;
  /** The page's URL changed without a reload (single-page apps): read it again. */
  restart(): void;
  report(): PageReport;
  /** Annotate although the page is not about piracy enforcement, until the next page. */
  annotateAnyway(): PageReport;
  /** Scrolls to an entity's first mark and opens its card. */
  reveal(id: string): boolean;
  /** Stops everything and restores the page exactly. */
  destroy(): void;
}

const EMPTY_FINDINGS: Findings = {
  state: 'working',
  relevance: { score: 0, relevant: false, threshold: 0 },
  entities: [],
  marks: 0,
};

/**
 * One page's life with the extension: waits for the page to settle, annotates it, keeps up
 * with its changes and the reader's settings, and undoes everything on request.
 */
export function createPageSession(options: SessionOptions): PageSession {
  const { doc } = options;
  let settings: Settings | undefined;
  let force = false;
  let annotator: Annotator | undefined;
  let cards: CardLayer | undefined;
  let stopWatching: (() => void) | undefined;
  let cancelQuiet: (() => void) | undefined;
  let cancelReport: (() => void) | undefined;

  const report = (): PageReport => {
    const findings = annotator?.findings() ?? EMPTY_FINDINGS;
    return { host: options.host, state: options.switchedOff(settings) ?? findings.state, findings };
  };

  /** What the background shows of the last report sent (the badge): a report that would not change it is not sent. */
  let lastSent = '';
  const sendReport = () => {
    cancelReport?.();
    cancelReport = options.later(() => {
      cancelReport = undefined;
      const next = report();
      const shown = `${next.state} ${next.findings.entities.map((e) => `${e.id}${e.marked ? '+' : ''}`).join(' ')}`;
      if (shown === lastSent) return;
      lastSent = shown;
      options.report(next);
    }, 50);
  };

  const annotatorSettings = (s: Settings) => ({
    markAgencies: s.markAgencies,
    markCases: s.markCases,
    style: s.style,
    mentions: s.mentions,
    scope: s.scope,
    force,
  });

  const teardown = () => {
    cancelQuiet?.();
    cancelQuiet = undefined;
    stopWatching?.();
    stopWatching = undefined;
    cards?.destroy();
    cards = undefined;
    annotator?.stop();
    annotator = undefined;
  };

  const begin = (s: Settings) => {
    const root = doc.body ?? doc.documentElement;
    if (!root) return;
    cancelQuiet = whenQuiet({ root, schedule: options.later }, () => {
      // bench/page.ts counts the setup from here to `takedown-lens:start`. Vite drops this line from every other build.
      if (import.meta.env.MODE === 'bench') doc.dispatchEvent(new CustomEvent('takedown-lens:setup'));
      const matcher = options.matcher();
      // Compiling the pattern is most of setting up: each compile gets a task of its own (a slice
      // of 0 ms ends after every step), so the page never waits for all of it at once.
      // cancelQuiet stands for "setting up" until the queue empties.
      const setup = createWorkQueue({
        schedule: options.soon,
        now: options.now,
        sliceMs: 0,
        onIdle: () => {
          cancelQuiet = undefined;
        },
        onError: options.onError,
      });
      const once = (fn: () => void) => () => {
        fn();
        return false;
      };
      for (const warmUp of matcher.warmUps) setup.push(once(warmUp));
      // The reader may have changed a setting meanwhile: the last ones apply.
      setup.push(once(() => setUp(settings ?? s, matcher)));
      cancelQuiet = () => setup.stop();
    });
  };

  /** Builds what reads and marks the page, and starts the first pass. */
  const setUp = (s: Settings, matcher: Matcher) => {
    let watch: ReturnType<typeof watchMutations> | undefined;
    annotator = createAnnotator({
      doc,
      matcher,
      settings: annotatorSettings(s),
      schedule: options.soon,
      now: options.now,
      isVisible: (el) => (typeof el.checkVisibility === 'function' ? el.checkVisibility() : true),
      onFindings: sendReport,
      onIdle: options.onIdle,
      onError: options.onError,
      aroundWrites: { before: () => watch?.collect(), after: () => watch?.discard() },
    });
    watch = watchMutations({
      // The whole document, not the body: a page may replace document.body outright.
      root: doc.documentElement,
      schedule: options.later,
      onBatch: (nodes, removed) => annotator?.rescan(nodes, removed),
    });
    stopWatching = () => watch?.stop();
    cards = createCardLayer({
      doc,
      t: options.t,
      fetchDetails: options.fetchDetails,
      schedule: options.later,
      loadView: options.loadCardView,
      onError: options.onError,
    });
    // bench/page.ts times the first pass from here to `takedown-lens:idle` (the quiet wait before it is not
    // work, and setting up is measured apart). Vite drops this line from every other build.
    if (import.meta.env.MODE === 'bench') doc.dispatchEvent(new CustomEvent('takedown-lens:start'));
    annotator.start();
  };

  const apply = (next: Settings) => {
    const wasActive = !options.switchedOff(settings);
    settings = next;
    const active = !options.switchedOff(next);
    if (!active) {
      if (wasActive || annotator) teardown();
      sendReport();
      return;
    }
    if (annotator) annotator.update(annotatorSettings(next));
    else if (!cancelQuiet) begin(next);
    sendReport();
  };

  return {
    apply,
    restart() {
      if (!settings) return;
      force = false;
      teardown();
      apply(settings);
    },
    report,
    annotateAnyway() {
      force = true;
      if (settings && annotator) annotator.update(annotatorSettings(settings));
      return report();
    },
    reveal(id) {
      const mark = annotator?.marksOf(id)[0];
      if (!mark || !cards) return false;
      mark.scrollIntoView({ block: 'center', behavior: 'auto' });
      void cards.open(mark, { pinned: true, focus: true });
      return true;
    },
    destroy() {
      cancelReport?.();
      teardown();
    },
  };
}
