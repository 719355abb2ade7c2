/** @jest-environment jsdom */
import './setupDom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import type { ColumnRef, ProjectRow, RowProgress } from '../../src/domain/ledger/types';
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

function renderCard(lang: 'zh-CN' | 'en-US'): void {
  render(
    <FluentProvider theme={webLightTheme}>
      <RaceCard lang={lang} race={computeRace(INPUT, '2025-09-30', RULES)} lights={computeLights(INPUT, '2025-09-30', RULES)} />
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

  it('speaks English', () => {
    renderCard('en-US');
    expect(screen.getByTestId('race-warnings').textContent).toBe('Warnings: red 1 · yellow 1');
    expect(screen.getByTestId('race-leaders').textContent).toMatch(/^Top of each group: 主城区 西岗区 · /);
  });
});
