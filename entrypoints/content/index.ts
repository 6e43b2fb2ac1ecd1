import './marks.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { t } from '../../components/i18n';
import { CARD_VIEW_PATH, PAGE_MODULE_PATH } from '../../lib/build/page-module-path';
import {
  type AnyEnvelope,
  isMessageOf,
  type PageReport,
  sendToBackground,
  TAB_MESSAGE_TYPES,
  type TabMessages,
} from '../../lib/extension/messages';
import { onSettingsChanged, readSettings } from '../../lib/extension/settings-reader';
import { isNewPage } from '../../lib/page/navigation';
import { whenText } from '../../lib/page/text-presence';
import type { Settings } from '../../lib/settings/schema';
import { switchedOff } from '../../lib/settings/sites';
import type { createCardView } from './card-view';
import type { PageModuleOptions, startPage } from './page';
import type { PageSession } from './session';
import { laterWhileValid } from './timers';

type PageModule = { startPage: typeof startPage };
type CardViewModule = { createCardView: typeof createCardView };

/**
 * What every page pays for: reading the settings, answering the popup, and loading the page
 * module (page.ts) once the extension is on for the site and the page has text to read.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const host = location.hostname;
    const bench = import.meta.env.MODE === 'bench';
    let settings: Settings | undefined;
    let session: PageSession | undefined;
    let loading = false;
    let cancelWait: (() => void) | undefined;
    let noText = false;

    const channel = new MessageChannel();
    const tasks = new Map<number, () => void>();
    let nextTask = 0;
    // A message to ourselves yields to the page like setTimeout(0), without its 4 ms clamp.
    channel.port1.onmessage = (event: MessageEvent<number>) => {
      const fn = tasks.get(event.data);
      tasks.delete(event.data);
      if (fn && ctx.isValid) fn();
    };

    const sendReport = (report: PageReport) => {
      if (ctx.isValid) sendToBackground({ type: 'page-report', report }).catch(() => {});
    };

    /** The report while the page module is not loaded: switched off, a page without text, or loading. */
    const ownReport = (): PageReport => ({
      host,
      state: switchedOff(settings, host) ?? (noText ? 'annotated' : 'working'),
      findings: {
        state: noText ? 'annotated' : 'working',
        relevance: { score: 0, relevant: false, threshold: 0 },
        entities: [],
        marks: 0,
      },
    });

    /**
     * Whether this page told the badge it is switched off. A page load clears the tab's badge,
     * so until then a report that would leave the badge empty is not worth a message.
     */
    let reportedOff = false;
    const reportOwnState = () => {
      const report = ownReport();
      const off = report.state === 'off' || report.state === 'site-off';
      if (!off && !reportedOff) return;
      reportedOff = off;
      sendReport(report);
    };

    const moduleOptions: PageModuleOptions = {
      doc: document,
      host,
      switchedOff: (s) => switchedOff(s, host),
      t,
      // ctx.isValid notices an extension reloaded under the page, and its teardown restores the page.
      fetchDetails: async (id) => (ctx.isValid ? sendToBackground({ type: 'entity-details', id }) : null),
      report: sendReport,
      soon: (fn) => {
        const id = nextTask++;
        tasks.set(id, fn);
        channel.port2.postMessage(id);
        return () => tasks.delete(id);
      },
      later: laterWhileValid(ctx),
      now: () => performance.now(),
      onIdle: bench ? () => document.dispatchEvent(new CustomEvent('takedown-lens:idle')) : undefined,
      onError: (error) => console.warn('[Takedown Lens]', error),
      loadCardView: async () => {
        const mod = (await import(/* @vite-ignore */ browser.runtime.getURL(CARD_VIEW_PATH))) as CardViewModule;
        return mod.createCardView;
      },
    };

    const load = async () => {
      loading = true;
      try {
        const url = browser.runtime.getURL(PAGE_MODULE_PATH);
        const mod = (await import(/* @vite-ignore */ url)) as PageModule;
        if (!ctx.isValid) return;
        session = mod.startPage(moduleOptions);
        // Only a page being read has anything to read again when a single-page app changes its URL
        // (WXT watches for that with a timer, which a page without text is spared).
        ctx.addEventListener(window, 'wxt:locationchange', ({ oldUrl, newUrl }) => {
          if (isNewPage(oldUrl, newUrl)) session?.restart();
        });
        if (settings) session.apply(settings);
      } catch (error) {
        moduleOptions.onError?.(error);
      } finally {
        loading = false;
      }
    };

    const waitForText = () => {
      if (cancelWait || loading || session) return;
      let found = false;
      cancelWait = whenText(document, () => {
        found = true;
        noText = false;
        void load();
      });
      noText = !found;
      if (noText && bench) {
        // The bench times a blank page from injection to here: there is no pass to wait for.
        document.dispatchEvent(new CustomEvent('takedown-lens:start'));
        document.dispatchEvent(new CustomEvent('takedown-lens:idle'));
      }
    };

    const apply = (next: Settings) => {
      settings = next;
      if (session) {
        session.apply(next);
        return;
      }
      if (!switchedOff(next, host)) waitForText();
      else {
        cancelWait?.();
        cancelWait = undefined;
      }
      reportOwnState();
    };

    const onMessage = (message: unknown, sender: { id?: string }): Promise<unknown> | undefined => {
      if (sender.id !== browser.runtime.id || !isMessageOf<TabMessages>(TAB_MESSAGE_TYPES, message)) return undefined;
      return handle(message);
    };
    const handle = async (message: AnyEnvelope<TabMessages>): Promise<unknown> => {
      switch (message.type) {
        case 'get-report':
          return session?.report() ?? ownReport();
        case 'reveal':
          return session?.reveal(message.id) ?? false;
        case 'annotate-anyway':
          return session?.annotateAnyway() ?? ownReport();
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    const unwatch = onSettingsChanged(apply);
    ctx.onInvalidated(() => {
      // The page first: restoring it needs no extension API, and after a reload every API throws.
      session?.destroy();
      cancelWait?.();
      channel.port1.close();
      try {
        browser.runtime.onMessage.removeListener(onMessage);
        unwatch();
      } catch {
        // The extension is gone; its listeners went with it.
      }
    });

    apply(await readSettings());
  },
});
