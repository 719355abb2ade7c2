import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { formatNumber } from '../domain';
import type { KeyFigureDeltas, KeyFigureId, KeyFigureValue, Lang } from '../domain';
import { fill, LABELS, type LabelKey } from './labels';

/** Props of `KeyFigureCards`. */
export interface KeyFigureCardsProps {
  readonly lang: Lang;
  /** The key figures in display order (`keyFigures(summary)`); amounts in 万元. */
  readonly figures: readonly KeyFigureValue[];
  /** Decimals of the 亿元 amounts. */
  readonly decimals: number;
  /** Changes since the period baseline ("比上次"), amounts in 万元; `null` or absent = none shown. */
  readonly deltas?: KeyFigureDeltas | null;
}

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  card: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  wide: { gridColumn: '1 / -1' },
  label: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  value: { margin: 0, display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  number: {
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    fontVariantNumeric: 'tabular-nums',
  },
  unit: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  delta: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
    fontVariantNumeric: 'tabular-nums',
  },
});

/**
 * A change with its sign, as the summary sheet's "比上次" format shows it (`+#,##0.0;-#,##0.0;0.0`):
 * the sign follows the value, the digits are rounded like `formatNumber`.
 * @example formatDelta(3, 0) // '+3'
 */
export function formatDelta(value: number, decimals = 0): string {
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  return `${sign}${formatNumber(Math.abs(value), decimals)}`;
}

const LABEL: Readonly<Record<KeyFigureId, LabelKey>> = {
  projects: 'fig_projects',
  soes: 'fig_soes',
  totalWan: 'fig_total',
  started: 'fig_started',
  investedWan: 'fig_invested',
};
const UNIT: Readonly<Record<KeyFigureId, LabelKey>> = {
  projects: 'unitProjects',
  soes: 'unitSoes',
  totalWan: 'unitYi',
  started: 'unitProjects',
  investedWan: 'unitYi',
};

/**
 * The key figures as cards, in the order of the seed briefings: projects, SOEs, total
 * investment, started projects, invested to date (amounts in 亿元; in English billions of yuan), each with its change since
 * the period baseline when there is one.
 */
export function KeyFigureCards({ lang, figures, decimals, deltas = null }: KeyFigureCardsProps): React.JSX.Element {
  const styles = useStyles();
  const labels = LABELS[lang];
  // 亿元 in Chinese; billions of yuan in English (1 亿元 = 0.1 bn) with one decimal more, as the English sheets show them.
  const wanPerUnit = lang === 'en-US' ? 100_000 : 10_000;
  const amountDecimals = lang === 'en-US' ? decimals + 1 : decimals;
  const cards = figures.map((f) => ({
    id: f.id,
    label: labels[LABEL[f.id]],
    unit: labels[UNIT[f.id]],
    value: f.kind === 'amount' ? formatNumber(f.value / wanPerUnit, amountDecimals) : formatNumber(f.value),
    delta: deltas === null ? null : f.kind === 'amount' ? formatDelta(deltas[f.id] / wanPerUnit, amountDecimals) : formatDelta(deltas[f.id]),
  }));
  return (
    <dl className={styles.grid} aria-label={labels.keyFigures} data-testid="key-figures">
      {cards.map((card, index) => (
        <div
          key={card.id}
          data-figure={card.id}
          className={mergeClasses(styles.card, index === cards.length - 1 && cards.length % 2 === 1 && styles.wide)}
        >
          <dt className={styles.label}>{card.label}</dt>
          <dd className={styles.value}>
            <span className={styles.number} data-testid={`figure-${card.id}`}>
              {card.value}
            </span>
            {card.unit === '' ? null : <span className={styles.unit}>{card.unit}</span>}
          </dd>
          {card.delta === null ? null : (
            <dd className={styles.delta} data-testid={`delta-${card.id}`}>
              {fill(lang, 'deltaVsLast', { delta: card.delta })}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
