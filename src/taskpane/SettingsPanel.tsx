import { Button, Field, Input, makeStyles, Radio, RadioGroup, Select, Textarea, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Lang } from '../domain';
import { parseAsOfSetting } from '../workflows/dataDate';
import type { LedgerSettings } from '../workflows/workbookPort';
import { LABELS } from './labels';

/** Props of `SettingsPanel`. */
export interface SettingsPanelProps {
  readonly lang: Lang;
  readonly settings: LedgerSettings;
  /** Store a change in the workbook. */
  readonly onSave: (patch: Partial<LedgerSettings>) => void;
  /** True while a refresh runs (the controls are read-only then). */
  readonly disabled?: boolean;
}

const DECIMALS = [0, 1, 2, 3, 4] as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalS },
  actions: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
});

/**
 * Split a typed list into items: one per line (commas, 、 and semicolons also separate),
 * trimmed, blanks and repeats dropped.
 * @example parseList('城区\n金普新区、 城区') // ['城区', '金普新区']
 */
export function parseList(text: string): string[] {
  const items = text
    .split(/[\n\r,，、;；]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.filter((s, i) => items.indexOf(s) === i);
}

/**
 * The settings stored in the workbook: language, SOE attribution for joint projects, the
 * amount unit and decimals of the summary sheets, the data date (截至; empty: the ledger title's), and the optional
 * allowed sectors and districts.
 */
export function SettingsPanel({ lang, settings, onSave, disabled = false }: SettingsPanelProps): React.JSX.Element {
  const styles = useStyles();
  const labels = LABELS[lang];
  const savedSectors = settings.allowedSectors.join('\n');
  const savedDistricts = settings.allowedDistricts.join('\n');
  const [sectors, setSectors] = useState(savedSectors);
  const [districts, setDistricts] = useState(savedDistricts);
  // Follow the stored lists when they change (by content: other settings' saves keep the typing).
  useEffect(() => setSectors(savedSectors), [savedSectors]);
  useEffect(() => setDistricts(savedDistricts), [savedDistricts]);
  const listsChanged = parseList(sectors).join('\n') !== savedSectors || parseList(districts).join('\n') !== savedDistricts;

  return (
    <div className={styles.root} data-testid="settings">
      <Field label={labels.languageSetting} size="small">
        <Select
          size="small"
          value={settings.lang ?? ''}
          disabled={disabled}
          onChange={(_e, d) => onSave({ lang: d.value === 'zh-CN' || d.value === 'en-US' ? d.value : null })}
          data-testid="setting-lang"
        >
          <option value="">{labels.langFollow}</option>
          <option value="zh-CN">{labels.langZh}</option>
          <option value="en-US">{labels.langEn}</option>
        </Select>
      </Field>
      <Field label={labels.attribution} size="small">
        <RadioGroup
          value={settings.soeAttribution}
          disabled={disabled}
          onChange={(_e, d) => onSave({ soeAttribution: d.value === 'split' ? 'split' : 'full' })}
        >
          <Radio value="full" label={labels.attributionFull} />
          <Radio value="split" label={labels.attributionSplit} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Field label={labels.displayUnit} size="small">
          <Select
            size="small"
            value={settings.displayUnit}
            disabled={disabled}
            onChange={(_e, d) => onSave({ displayUnit: d.value === 'wan' ? 'wan' : 'yi' })}
            data-testid="setting-unit"
          >
            <option value="yi">{labels.unit_yi}</option>
            <option value="wan">{labels.unit_wan}</option>
          </Select>
        </Field>
        <Field label={labels.decimals} size="small">
          <Select
            size="small"
            value={String(settings.decimals)}
            disabled={disabled}
            onChange={(_e, d) => onSave({ decimals: Number(d.value) })}
            data-testid="setting-decimals"
          >
            {DECIMALS.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={labels.asOfSetting} size="small">
        <Input
          size="small"
          type="date"
          value={settings.asOf ?? ''}
          disabled={disabled}
          // A date input gives YYYY-MM-DD or '' (cleared); anything else (a half-typed date) is not saved.
          onChange={(_e, d) => {
            const asOf = d.value === '' ? null : parseAsOfSetting(d.value);
            if (d.value === '' || asOf !== null) onSave({ asOf });
          }}
          data-testid="setting-as-of"
        />
      </Field>
      <Field label={labels.allowedSectors} size="small">
        <Textarea size="small" resize="vertical" value={sectors} disabled={disabled} onChange={(_e, d) => setSectors(d.value)} />
      </Field>
      <Field label={labels.allowedDistricts} size="small">
        <Textarea size="small" resize="vertical" value={districts} disabled={disabled} onChange={(_e, d) => setDistricts(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button
          size="small"
          disabled={disabled || !listsChanged}
          onClick={() => onSave({ allowedSectors: parseList(sectors), allowedDistricts: parseList(districts) })}
        >
          {labels.saveLists}
        </Button>
      </div>
    </div>
  );
}
