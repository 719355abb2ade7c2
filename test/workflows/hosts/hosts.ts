/** The hosts the shared workflow suite runs on (`describe.each(HOSTS)`). */
import { etHost } from './etHost';
import { excelHost } from './excelHost';
import type { WorkflowHost } from './workflowHost';

/** The fake Excel with the Office.js port, and the fake ET with the WPS 表格 port. */
export const HOSTS: readonly WorkflowHost[] = [excelHost, etHost];
