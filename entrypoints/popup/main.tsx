import names from 'virtual:takedown-lens/names';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/Popup';
import '../../components/popup.css';
import { t } from '../../components/i18n';
import { sendToTab } from '../../lib/extension/messages';
import { loadSettings, saveSettings, watchSettings } from '../../lib/extension/settings-store';

/** The tab the popup speaks about: the active one, or `?tab=ID` when the popup is opened as a page. */
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const app = document.getElementById('app');
if (app) {
  void targetTab().then((tabId) => {
    render(
      <Popup
        t={t}
        names={names}
        loadSettings={loadSettings}
        saveSettings={saveSettings}
        watchSettings={watchSettings}
        getReport={() =>
          tabId === undefined ? Promise.reject(new Error('no tab')) : sendToTab(tabId, { type: 'get-report' })
        }
        annotateAnyway={() =>
          tabId === undefined ? Promise.reject(new Error('no tab')) : sendToTab(tabId, { type: 'annotate-anyway' })
        }
        reveal={async (id) => {
          if (tabId !== undefined) await sendToTab(tabId, { type: 'reveal', id });
        }}
        openOptions={() => void browser.runtime.openOptionsPage()}
      />,
      app,
    );
  });
}
