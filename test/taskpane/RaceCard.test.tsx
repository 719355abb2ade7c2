/** @jest-environment jsdom */
import './setupDom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ColumnRef, ProjectRow, RowProgress } from '../../src/domain/ledger/types';
import type { FlaggedProject } from '../../src/domain/race/computeLights';
import { computeLights } from '../../src/domain/race/computeLights';
import { computeRace } from '../../src/domain/race/computeRace';
import { DEFAULT_RACE_RULES } from '../../src/domain/race/raceRules';
import { RaceCard } from '../../src/taskpane/RaceCard';
import { row } from '../domain/summarize/rowBuilder';

afterEach(cleanup);

const col: ColumnRef = { index: 9, letter: 'J', header: '' };
const NO_PROGRESS: RowProgress = { signDate: null, plannedStartDate: null, actualStartDate: null, plannedCompletionDate: null, annualPlanWan: null, yearInvestedWan: null };
const project = (district: string, stage: ProjectRow['stage'], progress: Partial<RowProgress>): ProjectRow => ({ ...row({ district, stage }), progress: { ...NO_PROGRESS, ...progress } });

const ROWS = [
  project('中山区', 'signed', { plannedStartDate: '2025-01' }),
  project('西岗区', 'signed', { plannedStartDate: '2025-08' }),
  project('西岗区', 'construction', { plannedStartDate: '2025-01' }),
  project('金州区', 'construction', {}),
];
const INPUT = { rows: ROWS, columns: { plannedStartDate: col } };
const RULES = { ...DEFAULT_RACE_RULES, groups: [...DEFAULT_RACE_RULES.groups, { name: '空组', districts: [] }] };

function renderCard(lang: 'zh-CN' | 'en-US', onSelect?: (project: FlaggedProject) => void, input = INPUT, pageSize?: number): void {
  render(
    <FluentProvider theme={webLightTheme}>
      <RaceCard
        lang={lang}
        race={computeRace(input, '2025-09-30', RULES)}
        lights={computeLights(input, '2025-09-30', RULES)}
        {...(onSelect === undefined ? {} : { onSelect })}
        {...(pageSize === undefined ? {} : { pageSize })}
      />
    </FluentProvider>,
  );
}

describe('RaceCard', () => {
  it('shows the red and yellow counts and the top district of each group', () => {
    renderCard('zh-CN');
    expect(screen.getByTestId('race-warnings').textContent).toBe('预警：红 1 · 黄 1');
    // 开工 by stage: 西岗区 and 金普新区 lead their groups; 北部地区 and the empty group have no leader with a score,
    // so every district shares rank 1 there (北部地区) or none exists (空组).
    expect(screen.getByTestId('race-leaders').textContent).toBe('各组第一：主城区 西岗区 · 先导区 金普新区 · 北部地区 普兰店区、瓦房店市、庄河市、长海县 · 空组 —');
  });

  it('lists the red and yellow projects, red first, and a click selects the project', () => {
    const selected: FlaggedProject[] = [];
    renderCard('zh-CN', (p) => selected.push(p));
    const items = within(screen.getByTestId('race-flagged')).getAllByRole('button');
    // 中山区 planned 2025-01: 8 months late (red); 西岗区 planned 2025-08: 1 month late (yellow).
    expect(items.map((b) => b.textContent)).toEqual([
      `红 · 第${ROWS[0]?.sheetRow}行 · 中山区${ROWS[0]?.name}计划2025年1月开工，已滞后8个月未开工`,
      `黄 · 第${ROWS[1]?.sheetRow}行 · 西岗区${ROWS[1]?.name}计划2025年8月开工，已滞后1个月未开工`,
    ]);
    fireEvent.click(items[1]!);
    expect(selected.map((p) => [p.sheetRow, p.light])).toEqual([[ROWS[1]?.sheetRow, 'yellow']]);
  });

  it('lists a page of projects at a time', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ ...project('中山区', 'signed', { plannedStartDate: '2025-01' }), sheetRow: 10 + i }));
    renderCard('en-US', undefined, { rows: many, columns: { plannedStartDate: col } }, 3);
    const list = (): HTMLElement[] => within(screen.getByTestId('race-flagged')).getAllByRole('button');
    expect(list()).toHaveLength(3);
    expect(screen.getByText('Showing 3 of 7')).toBeTruthy();
    fireEvent.click(screen.getByText('Show 3 more'));
    expect(list()).toHaveLength(6);
    fireEvent.click(screen.getByText('Show 1 more'));
    expect(list().map((b) => b.textContent?.slice(0, 13))).toEqual(['Red · row 10 ', 'Red · row 11 ', 'Red · row 12 ', 'Red · row 13 ', 'Red · row 14 ', 'Red · row 15 ', 'Red · row 16 ']);
  });

  it('speaks English', () => {
    renderCard('en-US');
    expect(screen.getByTestId('race-warnings').textContent).toBe('Warnings: red 1 · yellow 1');
    expect(screen.getByTestId('race-leaders').textContent).toMatch(/^Top of each group: 主城区 西岗区 · /);
  });
});
