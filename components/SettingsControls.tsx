import type { Settings } from '../lib/settings/schema';
import type { Translate } from './i18n';

type Option<T extends string> = { value: T; label: string };

function Choice<T extends string>({
  name,
  legend,
  value,
  options,
  onChange,
}: {
  name: string;
  legend: string;
  value: T;
  options: Option<T>[];
  onChange: (v: T) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function Switch({
  label,
  checked,
  onChange,
  id,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  id: string;
}) {
  return (
    <label class="switch" for={id}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={checked}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  );
}

/** What to mark, how and where: the same controls in the popup and on the options page. */
export function SettingsControls({
  t,
  settings,
  onChange: change,
}: {
  t: Translate;
  settings: Settings;
  onChange: (s: Settings) => void;
}) {
  return (
    <>
      <fieldset>
        <legend>{t('popupWhat')}</legend>
        <label>
          <input
            type="checkbox"
            checked={settings.markAgencies}
            onChange={(e) => change({ ...settings, markAgencies: e.currentTarget.checked })}
          />
          {t('popupAgencies')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={settings.markCases}
            onChange={(e) => change({ ...settings, markCases: e.currentTarget.checked })}
          />
          {t('popupCases')}
        </label>
      </fieldset>
      <Choice
        name="style"
        legend={t('popupHow')}
        value={settings.style}
        onChange={(style) => change({ ...settings, style })}
        options={[
          { value: 'underline', label: t('popupStyleUnderline') },
          { value: 'highlight', label: t('popupStyleHighlight') },
          { value: 'hover', label: t('popupStyleHover') },
        ]}
      />
      <Choice
        name="mentions"
        legend={t('popupMentionsLegend')}
        value={settings.mentions}
        onChange={(mentions) => change({ ...settings, mentions })}
        options={[
          { value: 'first', label: t('popupMentionsFirst') },
          { value: 'all', label: t('popupMentionsAll') },
        ]}
      />
      <Choice
        name="scope"
        legend={t('popupWhere')}
        value={settings.scope}
        onChange={(scope) => change({ ...settings, scope })}
        options={[
          { value: 'relevant', label: t('popupScopeRelevant') },
          { value: 'everywhere', label: t('popupScopeEverywhere') },
        ]}
      />
    </>
  );
}
