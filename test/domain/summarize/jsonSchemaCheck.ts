/**
 * A tiny JSON Schema (draft 2020-12) checker for the subset docs/summary.schema.json uses:
 * `$ref` (to `#/$defs/…`), `type` (one or several, with `integer`), `enum`, `minimum`,
 * `required`, `properties`, `additionalProperties` (`false` or a schema) and `items`.
 * Annotations (`$schema`, `$id`, `title`, `description`, `$defs`) are ignored. Any other keyword
 * throws, so the schema cannot start relying on something this checker does not enforce.
 */

type Schema = { readonly [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs', '$comment']);
const CHECKED = new Set(['$ref', 'type', 'enum', 'minimum', 'required', 'properties', 'additionalProperties', 'items']);

/** Errors of `value` against `schema`, as "path: problem" lines; [] when it conforms. */
export function jsonSchemaErrors(schema: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(schema, schema, value, '$', errors);
  return errors;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeOf(value) === type;
}

function resolve(root: Schema, ref: string): Schema {
  const match = /^#\/\$defs\/([^/]+)$/u.exec(ref);
  const defs = root.$defs as Record<string, Schema> | undefined;
  const target = match?.[1] === undefined ? undefined : defs?.[match[1]];
  if (target === undefined) throw new Error(`jsonSchemaCheck: cannot resolve ${ref}`);
  return target;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, errors: string[]): void {
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !CHECKED.has(keyword)) throw new Error(`jsonSchemaCheck: unsupported keyword ${keyword} at ${path}`);
  }
  if (typeof schema.$ref === 'string') check(root, resolve(root, schema.$ref), value, path, errors);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => hasType(value, type))) {
      errors.push(`${path}: expected ${types.join(' | ')}, got ${typeOf(value)}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => allowed === value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) {
    errors.push(`${path}: ${value} is below the minimum ${schema.minimum}`);
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in object)) errors.push(`${path}: missing required property ${name}`);
    }
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [name, child] of Object.entries(object)) {
      const propertySchema = properties[name];
      if (propertySchema !== undefined) check(root, propertySchema, child, `${path}.${name}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${name}`);
      else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
        check(root, schema.additionalProperties as Schema, child, `${path}.${name}`, errors);
      }
    }
  }
  if (Array.isArray(value) && typeof schema.items === 'object' && schema.items !== null) {
    value.forEach((item, index) => check(root, schema.items as Schema, item, `${path}[${index}]`, errors));
  }
}
