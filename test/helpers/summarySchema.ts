import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'fs';
import { join } from 'path';

/** The documented summary JSON schema (docs/summary.schema.json). */
export const summarySchema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'summary.schema.json'), 'utf8')) as Record<string, unknown>;

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(summarySchema);

/**
 * Validate a value against the summary JSON schema with Ajv (draft 2020-12).
 * @returns the problems as "path message" lines; empty when the value conforms.
 */
export function summarySchemaErrors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
