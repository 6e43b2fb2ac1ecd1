import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PageReport } from '../lib/extension/messages';
import type { SaveResult } from '../lib/extension/settings-store';
import type { Settings } from '../lib/settings/schema';
import { isSiteEnabled, withSite } from '../lib/settings/sites';
import type { Translate } from './i18n';
import { SettingsControls, Switch } from './SettingsControls';

export interface PopupProps {
  t: Translate;
  /** Display names by entity id: a page reports only ids. */
  names: Readonly<Record<string, string>>;
  loadSettings: () => Promise<Settings>;
  saveSettings: (settings: Settings) => Promise<SaveResult>;
  watchSettings: (onChange: (settings: Settings) => void) => () => void;
  /** Rejects where no content script runs (browser pages, the store). */
  getReport: () => Promise<PageReport>;
  annotateAnyway: () => Promise<PageReport>;
  reveal: (id: string) => Promise<void>;
  openOptions: () => void;
}

/** The toolbar popup: the reader's switches, and what was found on the current page. */
export function Popup(props: PopupProps) {
  const { t } = props;
  const [settings, setSettings] = useState<Settings>();
  const [report, setReport] = useState<PageReport | null | undefined>();
  const [saveError, setSaveError] = useState<string>();

  const refresh = useCallback(() => {
    props.getReport().then(setReport, () => setReport(null));
  }, [props.getReport]);

  useEffect(() => {
    void props.loadSettings().then(setSettings);
    refresh();
    const unwatch = props.watchSettings((s) => {
      setSettings(s);
      refresh();
    });
    const timer = setInterval(refresh, 1000);
    return () => {
      unwatch();
      clearInterval(timer);
    };
  }, []);

  if (!settings) return <main class="popup" aria-busy="true" />;

  const change = async (next: Settings) => {
    setSettings(next);
    const result = await props.saveSettings(next);
    setSaveError(result.ok ? undefined : result.error);
  };
  const host = report?.host;
  const entities = report?.findings.entities ?? [];
  const agencies = entities.filter((e) => e.type === 'agency');
  const cases = entities.filter((e) => e.type === 'case');

  return (
    <main class="popup">
      <h1>{t('popupTitle')}</h1>
      <Switch
        id="enabled"
        label={t('popupEnabled')}
        checked={settings.enabled}
        onChange={(v) => change({ ...settings, enabled: v })}
      />
      {host ? (
        <Switch
          id="site"
          label={t('popupSiteEnabled', host)}
          checked={isSiteEnabled(settings, host)}
          onChange={(v) => change(withSite(settings, host, v))}
        />
      ) : null}
      {saveError ? (
        <p role="alert" class="error">
          {t('popupSaveFailed', saveError)}
        </p>
      ) : null}

      <section aria-labelledby="found-title" class="found">
        <h2 id="found-title">{t('popupOnThisPage')}</h2>
        <Found {...props} report={report} agencies={agencies} cases={cases} onReport={setReport} />
      </section>

      <SettingsControls t={t} settings={settings} onChange={change} />
      <p>
        <button type="button" class="entity" onClick={props.openOptions}>
          {t('popupBrowseData')}
        </button>
      </p>
    </main>
  );
}

function Found({
  t,
  names,
  report,
  agencies,
  cases,
  annotateAnyway,
  reveal,
  onReport,
}: PopupProps & {
  report: PageReport | null | undefined;
  agencies: PageReport['findings']['entities'];
  cases: PageReport['findings']['entities'];
  onReport: (r: PageReport) => void;
}) {
  if (report === undefined) return <p class="muted">{t('popupWorking')}</p>;
  if (report === null) return <p class="muted">{t('popupCannotRun')}</p>;
  if (report.state === 'off') return <p class="muted">{t('popupOff')}</p>;
  if (report.state === 'site-off') return <p class="muted">{t('popupSiteOff')}</p>;
  if (report.state === 'working') return <p class="muted">{t('popupWorking')}</p>;
  if (report.state === 'not-relevant') {
    return (
      <>
        <p class="muted">{t('popupNotRelevant')}</p>
        <button type="button" onClick={() => void annotateAnyway().then(onReport)}>
          {t('popupAnnotateAnyway')}
        </button>
      </>
    );
  }
  if (agencies.length + cases.length === 0) return <p class="muted">{t('popupNothingFound')}</p>;
  const group = (title: string, list: typeof agencies) =>
    list.length === 0 ? null : (
      <>
        <h3>{title}</h3>
        <ul>
          {list.map((e) => (
            <li key={e.id}>
              <button type="button" class="entity" onClick={() => void reveal(e.id)} disabled={!e.marked}>
                <span>{names[e.id] ?? e.id}</span>
                <span class="count">{t('popupMentionCount', String(e.count))}</span>
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <>
      {group(t('popupCaseGroup', String(cases.length)), cases)}
      {group(t('popupAgencyGroup', String(agencies.length)), agencies)}
    </>
  );
}
