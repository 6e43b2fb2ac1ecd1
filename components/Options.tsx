import { useEffect, useState } from 'preact/hooks';
import type { Details } from '../lib/dataset/compile';
import type { DatasetStats } from '../lib/dataset/stats';
import type { SaveResult } from '../lib/extension/settings-store';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings/schema';
import { withSite } from '../lib/settings/sites';
import { exportSettings, importSettings } from '../lib/settings/transfer';
import { DatasetBrowser } from './DatasetBrowser';
import type { Translate } from './i18n';
import { SettingsControls, Switch } from './SettingsControls';

export interface OptionsProps {
  t: Translate;
  details: Details;
  stats: DatasetStats;
  loadSettings: () => Promise<Settings>;
  saveSettings: (settings: Settings) => Promise<SaveResult>;
  watchSettings: (onChange: (settings: Settings) => void) => () => void;
}

/** The options page: the whole dataset to browse, the settings, and where the data comes from. */
export function Options(props: OptionsProps) {
  const { t, stats } = props;
  const [settings, setSettings] = useState<Settings>();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  useEffect(() => {
    void props.loadSettings().then(setSettings);
    return props.watchSettings(setSettings);
  }, []);

  const change = async (next: Settings, done?: string) => {
    setSettings(next);
    const result = await props.saveSettings(next);
    setMessage(
      result.ok
        ? done
          ? { text: done, error: false }
          : undefined
        : { text: t('popupSaveFailed', result.error), error: true },
    );
  };

  const download = () => {
    if (!settings) return;
    const url = URL.createObjectURL(new Blob([exportSettings(settings)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'takedown-lens-settings.json';
    a.click();
    URL.revokeObjectURL(url);
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const result = importSettings(await file.text());
    if (!result.ok) {
      setMessage({
        text: t(result.error === 'not-json' ? 'optionsImportNotJson' : 'optionsImportNotSettings'),
        error: true,
      });
      return;
    }
    await change(
      result.settings,
      result.rejected.length > 0 ? t('optionsImportedSome', result.rejected.join(', ')) : t('optionsImported'),
    );
  };

  return (
    <main class="options">
      <h1>{t('extensionName')}</h1>
      <section aria-labelledby="browse-title">
        <h2 id="browse-title">{t('optionsBrowse')}</h2>
        <DatasetBrowser details={props.details} t={t} />
      </section>

      <section aria-labelledby="settings-title" class="settings">
        <h2 id="settings-title">{t('optionsSettings')}</h2>
        {message ? (
          <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : 'ok'}>
            {message.text}
          </p>
        ) : null}
        {settings ? (
          <>
            <Switch
              id="enabled"
              label={t('popupEnabled')}
              checked={settings.enabled}
              onChange={(v) => change({ ...settings, enabled: v })}
            />
            <SettingsControls t={t} settings={settings} onChange={(s) => change(s)} />
            <fieldset>
              <legend>{t('optionsDisabledSites')}</legend>
              {settings.disabledSites.length === 0 ? <p class="muted">{t('optionsNoDisabledSites')}</p> : null}
              <ul>
                {settings.disabledSites.map((site) => (
                  <li key={site}>
                    {site}{' '}
                    <button
                      type="button"
                      onClick={() => change(withSite(settings, site, true))}
                      aria-label={t('optionsEnableSite', site)}
                    >
                      {t('optionsRemove')}
                    </button>
                  </li>
                ))}
              </ul>
            </fieldset>
            <div class="actions">
              <button type="button" onClick={download}>
                {t('optionsExport')}
              </button>
              <label class="button">
                {t('optionsImport')}
                <input
                  type="file"
                  accept="application/json,.json"
                  onChange={(e) => void upload(e.currentTarget.files?.[0])}
                />
              </label>
              <button
                type="button"
                onClick={() => change({ ...DEFAULT_SETTINGS, disabledSites: [] }, t('optionsResetDone'))}
              >
                {t('optionsReset')}
              </button>
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="about-title" class="about">
        <h2 id="about-title">{t('optionsAbout')}</h2>
        <p>{t('optionsAboutCoverage', String(stats.cases), String(stats.agencies), String(stats.countries.length))}</p>
        <p>{t('optionsAboutSources', String(stats.sources), String(stats.primarySources))}</p>
        <p>{t('optionsAboutReport')}</p>
        <p>{t('optionsAboutPrivacy')}</p>
      </section>
    </main>
  );
}
