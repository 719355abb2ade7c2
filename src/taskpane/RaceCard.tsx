import { makeStyles, tokens } from '@fluentui/react-components';
import type { Lang, LightsResult, RaceResult } from '../domain';

/** Props of `RaceCard`. */
export interface RaceCardProps {
  readonly lang: Lang;
  readonly race: RaceResult;
  readonly lights: LightsResult;
}

const TEXT = {
  'zh-CN': { label: '赛马与预警', warnings: '预警：红 {red} · 黄 {yellow}', leaders: '各组第一：', none: '—', separator: '、' },
  'en-US': { label: '赛马 and warnings', warnings: 'Warnings: red {red} · yellow {yellow}', leaders: 'Top of each group: ', none: '—', separator: ', ' },
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
});

/**
 * The pane's 赛马/预警 card (issue 17): "预警：红 N · 黄 M", then the top district of each group (all districts
 * sharing rank 1; — for a group without districts).
 */
export function RaceCard({ lang, race, lights }: RaceCardProps): React.JSX.Element {
  const styles = useStyles();
  const text = TEXT[lang];
  const leaders = race.groups.map((g) => {
    const top = g.districts.filter((d) => d.rank === 1).map((d) => d.district);
    return `${g.group} ${top.length === 0 ? text.none : top.join(text.separator)}`;
  });
  return (
    <section className={styles.card} aria-label={text.label} data-testid="race-card">
      <p className={styles.label}>{text.label}</p>
      <p className={styles.warnings} data-testid="race-warnings">
        {text.warnings.replace('{red}', String(lights.counts.red)).replace('{yellow}', String(lights.counts.yellow))}
      </p>
      <p className={styles.leaders} data-testid="race-leaders">
        {`${text.leaders}${leaders.join(' · ')}`}
      </p>
    </section>
  );
}
