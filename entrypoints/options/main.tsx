import details from 'virtual:takedown-lens/details';
import { render } from 'preact';
import '../../components/popup.css';
import '../../components/options.css';
import { CARD_CSS } from '../../components/card-styles';
import { t } from '../../components/i18n';
import { Options } from '../../components/Options';
import { datasetStats } from '../../lib/dataset/stats';
import { loadSettings, saveSettings, watchSettings } from '../../lib/extension/settings-store';

const entries = Object.values(details.entries);
const stats = datasetStats(
  entries.filter((e) => e.type === 'agency'),
  entries.filter((e) => e.type === 'case'),
);

// The same sheet the page cards use in their shadow root; `.card` rules apply here as they are.
const sheet = new CSSStyleSheet();
sheet.replaceSync(CARD_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const app = document.getElementById('app');
if (app) {
  render(
    <Options
      t={t}
      details={details}
      stats={stats}
      loadSettings={loadSettings}
      saveSettings={saveSettings}
      watchSettings={watchSettings}
    />,
    app,
  );
}
