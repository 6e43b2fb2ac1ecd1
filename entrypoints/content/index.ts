import './marks.css';
import pageMatcher from 'virtual:takedown-lens/match-index';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { t } from '../../components/i18n';
import {
  type AnyEnvelope,
  isMessageOf,
  type PageReport,
  sendToBackground,
  TAB_MESSAGE_TYPES,
  type TabMessages,
} from '../../lib/extension/messages';
import { loadSettings, saveSettings, watchSettings } from '../../lib/extension/settings-store';
import { createMatcher, type Matcher } from '../../lib/match/matcher';
import { RELEVANCE_SIGNALS } from '../../lib/match/relevance';
import { isSiteEnabled, withSite } from '../../lib/settings/schema';
import { createPageSession } from './session';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    let matcher: Matcher | undefined;
    const channel = new MessageChannel();
    const tasks = new Map<number, () => void>();
    let nextTask = 0;
    // A message to ourselves yields to the page like setTimeout(0), without its 4 ms clamp.
    channel.port1.onmessage = (event: MessageEvent<number>) => {
      const fn = tasks.get(event.data);
      tasks.delete(event.data);
      if (fn && ctx.isValid) fn();
    };

    const session = createPageSession({
      doc: document,
      host: location.hostname,
      matcher: () => {
        matcher ??= createMatcher(pageMatcher.pattern, pageMatcher.entities, RELEVANCE_SIGNALS);
        return matcher;
      },
      t,
      // ctx.isValid notices an extension reloaded under the page, and its teardown restores the page.
      fetchDetails: async (id) => (ctx.isValid ? sendToBackground({ type: 'entity-details', id }) : null),
      report: (report) => {
        if (ctx.isValid) sendToBackground({ type: 'page-report', report }).catch(() => {});
      },
      soon: (fn) => {
        const id = nextTask++;
        tasks.set(id, fn);
        channel.port2.postMessage(id);
        return () => tasks.delete(id);
      },
      later: (fn, ms) => {
        const id = ctx.setTimeout(fn, ms);
        return () => clearTimeout(id);
      },
      now: () => performance.now(),
      onIdle:
        import.meta.env.MODE === 'bench'
          ? () => document.dispatchEvent(new CustomEvent('takedown-lens:idle'))
          : undefined,
      onError: (error) => console.warn('[Takedown Lens]', error),
    });

    const onMessage = (message: unknown, sender: { id?: string }): Promise<unknown> | undefined => {
      if (sender.id !== browser.runtime.id || !isMessageOf<TabMessages>(TAB_MESSAGE_TYPES, message)) return undefined;
      return handle(message);
    };
    const handle = async (message: AnyEnvelope<TabMessages>): Promise<unknown> => {
      switch (message.type) {
        case 'get-report':
          return session.report();
        case 'reveal':
          return session.reveal(message.id);
        case 'annotate-anyway':
          return session.annotateAnyway();
        case 'toggle-site': {
          const current = await loadSettings();
          const next = withSite(current, location.hostname, !isSiteEnabled(current, location.hostname));
          const saved = await saveSettings(next);
          return saved.ok;
        }
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    const unwatch = watchSettings((settings) => session.apply(settings));
    ctx.addEventListener(window, 'wxt:locationchange', () => session.restart());
    ctx.onInvalidated(() => {
      // The page first: restoring it needs no extension API, and after a reload every API throws.
      session.destroy();
      channel.port1.close();
      try {
        browser.runtime.onMessage.removeListener(onMessage);
        unwatch();
      } catch {
        // The extension is gone; its listeners went with it.
      }
    });

    session.apply(await loadSettings());
  },
});

export type { PageReport };
