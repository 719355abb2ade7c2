import { parseStage } from '../../../src/domain/ledger/parseStage';
import { STAGE_TERMS } from '../../../src/domain/ledger/stageTerms';
import type { CellValue, Stage } from '../../../src/domain/ledger/types';

describe('parseStage', () => {
  it.each<[string, Stage]>([
    ['谋划', 'planning'],
    ['储备', 'planning'],
    ['洽谈', 'planning'],
    ['拟开工', 'planning'],
    ['计划开工', 'planning'],
    ['签约', 'signed'],
    ['已签约', 'signed'],
    ['签约待落地', 'signed'],
    ['前期', 'preparation'],
    ['前期工作', 'preparation'],
    ['开工', 'construction'],
    ['已开工', 'construction'],
    ['在建', 'construction'],
    ['施工', 'construction'],
    ['开工建设', 'construction'],
    ['部分投产', 'construction'],
    ['试运行', 'construction'],
    ['竣工', 'completed'],
    ['已竣工', 'completed'],
    ['完工', 'completed'],
    ['建成', 'completed'],
    ['建成投产', 'completed'],
    ['投产', 'completed'],
    ['投运', 'completed'],
    ['并网', 'completed'],
    ['全容量并网', 'completed'],
    [' 在 建 ', 'construction'],
    ['已全容量并网发电', 'completed'],
    ['Under Construction', 'construction'],
  ])('maps %j to %s', (text, stage) => {
    expect(parseStage(text)).toMatchObject({ kind: 'ok', stage });
  });

  it('maps every vocabulary term to its own stage', () => {
    for (const [term, stage] of Object.entries(STAGE_TERMS)) expect(parseStage(term)).toMatchObject({ kind: 'ok', stage, term });
  });

  it.each<CellValue>([null, '', '  ', '待定', '—'])('treats %j as missing', (value) => {
    expect(parseStage(value)).toEqual({ kind: 'missing' });
  });

  it('suggests the nearest known term for an unknown stage', () => {
    expect(parseStage('竣公')).toEqual({ kind: 'unknown', suggestion: { term: '竣工', stage: 'completed' } });
    expect(parseStage('施公')).toEqual({ kind: 'unknown', suggestion: { term: '施工', stage: 'construction' } });
  });

  it('gives no suggestion when nothing is close', () => {
    expect(parseStage('情况良好，进展顺利')).toEqual({ kind: 'unknown', suggestion: null });
  });
});
