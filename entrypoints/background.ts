import details from 'virtual:takedown-lens/details';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { entityDetails } from '../lib/dataset/lookup';
import {
  type AnyEnvelope,
  BACKGROUND_MESSAGE_TYPES,
  type BackgroundMessages,
  isMessageOf,
  type PageReport,
  sendToTab,
} from '../lib/extension/messages';
import { loadSettings, saveSettings } from '../lib/extension/settings-store';
import { isSiteEnabled, withSite } from '../lib/settings/sites';

/** What the toolbar badge says for a page: the number of distinct entities, or why there is none. */
function badgeFor(report: PageReport): { text: string; color: string } {
  if (report.state === 'off' || report.state === 'site-off') return { text: 'off', color: '#6e7781' };
  const n = report.findings.entities.filter((e) => e.marked || report.state === 'annotated').length;
  if (report.state !== 'annotated' || n === 0) return { text: '', color: '#0b57d0' };
  return { text: n > 99 ? '99+' : String(n), color: '#0b57d0' };
}

export default defineBackground(() => {
  // No state lives here: details come from the bundled dataset, page state from the tabs.
  const action = browser.action ?? browser.browserAction;

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id || !isMessageOf<BackgroundMessages>(BACKGROUND_MESSAGE_TYPES, message)) {
      return undefined;
    }
    const m = message as AnyEnvelope<BackgroundMessages>;
    if (m.type === 'entity-details') return Promise.resolve(entityDetails(details, m.id));
    const tabId = sender.tab?.id;
    if (m.type === 'page-report' && tabId !== undefined && sender.frameId === 0) {
      const badge = badgeFor(m.report);
      void action.setBadgeText({ tabId, text: badge.text });
      void action.setBadgeBackgroundColor({ tabId, color: badge.color });
    }
    return Promise.resolve(null);
  });

  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'toggle-site') return;
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return;
    // The page knows its own host; the extension needs no permission to read tab URLs.
    const report = await sendToTab(tab.id, { type: 'get-report' }).catch(() => null);
    if (!report) return;
    const settings = await loadSettings();
    await saveSettings(withSite(settings, report.host, !isSiteEnabled(settings, report.host)));
  });
});
