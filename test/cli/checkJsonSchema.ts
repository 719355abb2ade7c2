/**
 * A minimal JSON Schema (draft 2020-12) checker for the keywords our schemas use: type, enum,
 * const, properties, required, additionalProperties, items, prefixItems, minItems, maxItems,
 * minimum, maximum, minLength, pattern, $ref (local), $defs, allOf, anyOf, oneOf, not.
 * Unknown keywords are ignored. Returns the problems found, as "path: problem" lines.
 */
type Schema = boolean | Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function resolveRef(root: Record<string, unknown>, ref: string): Schema {
  if (!ref.startsWith('#')) throw new Error(`only local $ref is supported: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node as Schema;
}

/** Check `value` against `schema`; [] when it conforms. */
export function checkJsonSchema(value: unknown, schema: Schema): string[] {
  const root = typeof schema === 'object' ? schema : {};
  const problems: string[] = [];
  const visit = (v: unknown, s: Schema, path: string): void => {
    if (s === true) return;
    if (s === false) {
      problems.push(`${path}: not allowed`);
      return;
    }
    if (typeof s.$ref === 'string') visit(v, resolveRef(root, s.$ref), path);
    const type = s.type;
    if (typeof type === 'string' && !matchesType(v, type)) problems.push(`${path}: expected ${type}, got ${typeOf(v)}`);
    if (Array.isArray(type) && !type.some((t) => matchesType(v, String(t)))) problems.push(`${path}: expected ${type.join('|')}, got ${typeOf(v)}`);
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) problems.push(`${path}: ${JSON.stringify(v)} not in enum`);
    if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(v)) problems.push(`${path}: expected const ${JSON.stringify(s.const)}`);
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) problems.push(`${path}: ${v} < minimum ${s.minimum}`);
      if (typeof s.maximum === 'number' && v > s.maximum) problems.push(`${path}: ${v} > maximum ${s.maximum}`);
    }
    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && [...v].length < s.minLength) problems.push(`${path}: shorter than ${s.minLength}`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) problems.push(`${path}: does not match ${s.pattern}`);
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) problems.push(`${path}: fewer than ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) problems.push(`${path}: more than ${s.maxItems} items`);
      const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : [];
      v.forEach((item, i) => {
        if (i < prefix.length) visit(item, prefix[i]!, `${path}[${i}]`);
        else if (s.items !== undefined) visit(item, s.items as Schema, `${path}[${i}]`);
      });
    }
    if (typeOf(v) === 'object') {
      const object = v as Record<string, unknown>;
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      for (const key of Array.isArray(s.required) ? (s.required as string[]) : []) {
        if (!(key in object)) problems.push(`${path}: missing required "${key}"`);
      }
      for (const [key, item] of Object.entries(object)) {
        if (key in properties) visit(item, properties[key]!, `${path}.${key}`);
        else if (s.additionalProperties !== undefined) visit(item, s.additionalProperties as Schema, `${path}.${key}`);
      }
    }
    if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) visit(v, sub, path);
    if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((sub) => checkJsonSchemaAt(v, sub, root).length === 0)) problems.push(`${path}: matches no anyOf branch`);
    if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter((sub) => checkJsonSchemaAt(v, sub, root).length === 0).length !== 1) {
      problems.push(`${path}: does not match exactly one oneOf branch`);
    }
    if (s.not !== undefined && checkJsonSchemaAt(v, s.not as Schema, root).length === 0) problems.push(`${path}: matches "not"`);
  };
  visit(value, schema, '$');
  return problems;
}

/** Check against a sub-schema whose $refs resolve in `root`. */
function checkJsonSchemaAt(value: unknown, schema: Schema, root: Record<string, unknown>): string[] {
  if (typeof schema !== 'object') return checkJsonSchema(value, schema);
  return checkJsonSchema(value, { ...schema, $defs: root.$defs, definitions: root.definitions });
}
