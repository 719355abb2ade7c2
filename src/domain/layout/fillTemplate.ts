/** `{name}`, or `{name:singular|plural}` (a word chosen by the value of `name`). */
const PLACEHOLDER = /\{(\w+)(?::([^{}|]*)\|([^{}]*))?\}/gu;

/**
 * Fill a label template, the one placeholder syntax of every label table (sheets, task pane, CLI):
 * - `{name}` is the value of `name`;
 * - `{name:singular|plural}` is `singular` when `name` is exactly 1 (as a number or as text) and
 *   `plural` otherwise, for English nouns that follow a count: `{rows} {rows:row|rows}`.
 * A placeholder without a value stays as written, so a missing value shows instead of vanishing.
 * @example fillTemplate('{errors} {errors:error|errors}', { errors: 1 }) // '1 error'
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string, singular: string | undefined, plural: string | undefined) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return whole;
    const value = values[name];
    if (singular === undefined || plural === undefined) return String(value);
    return Number(value) === 1 ? singular : plural;
  });
}
