import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { describeLightReason, type FlaggedProject, type Lang, type LightsResult, type RaceResult } from '../domain';

/** How many red and yellow projects the card lists before "show more". */
export const FLAGGED_PAGE_SIZE = 5;

/** Props of `RaceCard`. */
export interface RaceCardProps {
  readonly lang: Lang;
  readonly race: RaceResult;
  readonly lights: LightsResult;
  /** Called when the user clicks a red or yellow project: select its row in the ledger. */
  readonly onSelect?: (project: FlaggedProject) => void;
  /** Projects listed per "show more" step. */
  readonly pageSize?: number;
}

const TEXT = {
  'zh-CN': {
    label: '赛马与预警',
    warnings: '预警：红 {red} · 黄 {yellow}',
    leaders: '各组第一：',
    none: '—',
    separator: '、',
    list: '红灯和黄灯项目',
    red: '红',
    yellow: '黄',
    noDistrict: '未填地区',
    row: '第{row}行',
    reasonSeparator: '；',
    hint: '点击定位到台账中的该行',
    more: '再显示 {n} 个',
    shown: '显示 {shown} / {total} 个',
  },
  'en-US': {
    label: '赛马 and warnings',
    warnings: 'Warnings: red {red} · yellow {yellow}',
    leaders: 'Top of each group: ',
    none: '—',
    separator: ', ',
    list: 'Red and yellow projects',
    red: 'Red',
    yellow: 'Yellow',
    noDistrict: 'no district',
    row: 'row {row}',
    reasonSeparator: '; ',
    hint: 'Click to go to the row in the ledger',
    more: 'Show {n} more',
    shown: 'Showing {shown} of {total}',
  },
} as const;

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    marginTop: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
  },
  label: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  warnings: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  leaders: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground1 },
  list: { listStyleType: 'none', margin: 0, marginTop: tokens.spacingVerticalXS, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  // A compact row per project: a coloured edge for the light, the whole row clickable.
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  red: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  yellow: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  where: { color: tokens.colorNeutralForeground2 },
  reasons: { overflowWrap: 'anywhere' },
  footer: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

const fill = (template: string, values: Readonly<Record<string, string | number>>): string => template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

/**
 * The pane's 赛马/预警 card (issue 17): "预警：红 N · 黄 M", then the top district of each group (all districts
 * sharing rank 1; — for a group without districts), then the red and yellow projects (red first), `pageSize` at a
 * time; clicking one calls `onSelect`, which selects its row in the ledger, as the issue list does for an issue.
 */
export function RaceCard({ lang, race, lights, onSelect, pageSize = FLAGGED_PAGE_SIZE }: RaceCardProps): React.JSX.Element {
  const styles = useStyles();
  const text = TEXT[lang];
  const [limit, setLimit] = useState(pageSize);
  const leaders = race.groups.map((g) => {
    const top = g.districts.filter((d) => d.rank === 1).map((d) => d.district);
    return `${g.group} ${top.length === 0 ? text.none : top.join(text.separator)}`;
  });
  const flagged = lights.projects;
  const visible = flagged.slice(0, limit);
  return (
    <section className={styles.card} aria-label={text.label} data-testid="race-card">
      <p className={styles.label}>{text.label}</p>
      <p className={styles.warnings} data-testid="race-warnings">
        {fill(text.warnings, { red: lights.counts.red, yellow: lights.counts.yellow })}
      </p>
      <p className={styles.leaders} data-testid="race-leaders">
        {`${text.leaders}${leaders.join(' · ')}`}
      </p>
      {visible.length === 0 ? null : (
        <ul className={styles.list} aria-label={text.list} data-testid="race-flagged">
          {visible.map((p) => (
            <li key={p.sheetRow}>
              <button type="button" className={mergeClasses(styles.item, styles[p.light])} title={text.hint} onClick={() => onSelect?.(p)}>
                <span className={styles.where}>{`${p.light === 'red' ? text.red : text.yellow} · ${fill(text.row, { row: p.sheetRow })} · ${p.district ?? text.noDistrict}`}</span>
                <br />
                <span>{p.name}</span>
                <br />
                <span className={styles.reasons}>{p.reasons.map((r) => describeLightReason(r)[lang]).join(text.reasonSeparator)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {flagged.length > visible.length ? (
        <div className={styles.footer}>
          <span>{fill(text.shown, { shown: visible.length, total: flagged.length })}</span>
          <Button size="small" appearance="subtle" onClick={() => setLimit((l) => l + pageSize)}>
            {fill(text.more, { n: Math.min(pageSize, flagged.length - visible.length) })}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
