import { headerKey } from '../ledger/matchHeaderText';
import type { CellValue } from '../ledger/types';

/**
 * Headers of an explicit project code: 项目代码, 项目编号, 统一项目代码, 项目统一代码, 备案代码, 项目备案代码, 审批代码,
 * 赋码. Not 序号 or a bare 编号, which number the rows of one file only.
 */
const CODE_HEADER = /^(?:统一项目代码|项目统一代码|项目代码|项目编号|项目编码|(?:项目)?备案(?:代码|编号|号)|(?:项目)?审批(?:代码|编号)|项目赋码|projectcode|projectid)$/;

/**
 * Whether a header cell names an explicit project code column (the key the merge matches on first).
 * @example isProjectCodeHeader('项目代码') // → true
 * @example isProjectCodeHeader('编号') // → false
 */
export function isProjectCodeHeader(cell: CellValue): boolean {
  if (typeof cell !== 'string') return false;
  return CODE_HEADER.test(headerKey(cell).replace(/[()（）:：]/g, ''));
}
