/**
 * Checks a CustomUI ribbon (wps/ribbon.xml) against the schema rules in `customUiRules.ts`, plus what WPS asks on
 * top: no `<?xml?>` declaration (the issue; Kingsoft's wpsjs templates have none) and every callback naming a global
 * function of the add-in's page.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { COMPLEX_TYPES, CUSTOMUI_NAMESPACE, DOCUMENTED_RULES, LENGTH_LIMITS, ROOT, type AttributeType, type ComplexTypeRule } from './customUiRules';

/** A parsed element as fast-xml-parser's `preserveOrder` output gives it. */
type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

/** xsd:NCName (XML Namespaces 1.0): a name without a colon. Approximated with Unicode classes. */
const NCNAME = /^[\p{L}_][\p{L}\p{N}\p{Mn}\p{Mc}._\-\u00B7]*$/u;

function nameOf(node: Node): string {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined) throw new Error('fast-xml-parser gave a node without a name');
  return name;
}

function childrenOf(node: Node): Node[] {
  return node[nameOf(node)] as Node[];
}

/** Why `value` is not of `type`, or null. */
function typeProblem(type: AttributeType, value: string): string | null {
  const limits = LENGTH_LIMITS[type];
  if (limits !== null) {
    const length = [...value].length;
    if (length < limits[0] || length > limits[1]) return `${type} length ${length} is outside ${limits[0]}–${limits[1]}`;
  }
  switch (type) {
    case 'ST_UniqueID':
    case 'ST_ID':
      return NCNAME.test(value) ? null : `${type} "${value}" is not an NCName`;
    case 'ST_QID': {
      const parts = value.split(':');
      return parts.length <= 2 && parts.every((part) => NCNAME.test(part)) ? null : `ST_QID "${value}" is not a QName`;
    }
    case 'xsd:boolean':
      return ['true', 'false', '1', '0'].includes(value) ? null : `xsd:boolean "${value}" is not true, false, 1 or 0`;
    case 'ST_Size':
      return value === 'normal' || value === 'large' ? null : `ST_Size "${value}" is not normal or large`;
    case 'ST_Keytip':
      return /^\S+$/.test(value) ? null : `ST_Keytip "${value}" is not one token`;
    default:
      return null;
  }
}

/** The children of an element against its content model: the problems, or none. */
function contentProblems(where: string, rule: ComplexTypeRule, names: readonly string[]): string[] {
  const problems: string[] = [];
  const { particles } = rule.content;
  const counts = particles.map(() => 0);
  let at = 0;
  for (const name of names) {
    if (rule.content.kind === 'all') {
      const index = particles.findIndex((particle) => name in particle.elements);
      if (index < 0) problems.push(`${where}: <${name}> is not allowed here`);
      else counts[index] = (counts[index] ?? 0) + 1;
      continue;
    }
    // A sequence: move on to the first particle at or after the current one that takes this element.
    let index = at;
    while (index < particles.length && !(name in particles[index]!.elements)) index += 1;
    if (index === particles.length) {
      problems.push(`${where}: <${name}> is not allowed here${particles.some((particle) => name in particle.elements) ? ' (out of order)' : ''}`);
      continue;
    }
    at = index;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  particles.forEach((particle, index) => {
    const count = counts[index] ?? 0;
    const names = Object.keys(particle.elements).join('|');
    if (count < particle.min) problems.push(`${where}: needs at least ${particle.min} <${names}>, has ${count}`);
    if (count > particle.max) problems.push(`${where}: allows at most ${particle.max} <${names}>, has ${count}`);
  });
  return problems;
}

/**
 * The problems of `xml` as a WPS ribbon: not well-formed, an XML declaration, another root or namespace, an element,
 * attribute or value the schema does not allow, a duplicate id, a documented rule broken, or a callback that
 * `isCallback` does not know. Empty when the ribbon passes.
 * @example checkRibbon(readFileSync('wps/ribbon.xml', 'utf8'), (name) => typeof globalThis[name] === 'function')
 */
export function checkRibbon(xml: string, isCallback: (name: string) => boolean): string[] {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return [`not well-formed: ${wellFormed.err.msg} (line ${wellFormed.err.line})`];
  const problems: string[] = [];
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    commentPropName: '#comment',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
  });
  const top = (parser.parse(xml) as Node[]).filter((node) => nameOf(node) !== '#comment');
  if (/^\s*<\?xml/.test(xml) || top.some((node) => nameOf(node) === '?xml')) problems.push('has an <?xml?> declaration (WPS ribbons have none)');
  const roots = top.filter((node) => nameOf(node) !== '?xml');
  const root = roots[0];
  if (roots.length !== 1 || root === undefined || nameOf(root) !== ROOT.name) {
    return [...problems, `the root must be one <${ROOT.name}>, found ${roots.map((node) => `<${nameOf(node)}>`).join(', ') || 'none'}`];
  }
  if (root[':@']?.xmlns !== CUSTOMUI_NAMESPACE) problems.push(`<customUI> must declare xmlns="${CUSTOMUI_NAMESPACE}"`);

  const ids = new Map<string, number>();
  const visit = (node: Node, type: string, path: string): void => {
    const name = nameOf(node);
    const attributes = node[':@'] ?? {};
    const where = attributes.id === undefined ? path : `${path}#${attributes.id}`;
    const rule = COMPLEX_TYPES[type];
    if (rule === undefined) {
      problems.push(`${where}: type ${type} is allowed by customUI.xsd but not modelled in customUiRules.ts`);
      return;
    }
    for (const [attribute, value] of Object.entries(attributes)) {
      if (attribute === 'xmlns' && name === ROOT.name) continue;
      const attributeType = rule.attributes[attribute];
      if (attributeType === undefined) {
        problems.push(`${where}: attribute ${attribute} is not allowed on <${name}> (${type})`);
        continue;
      }
      const problem = typeProblem(attributeType, value);
      if (problem !== null) problems.push(`${where}: ${attribute}: ${problem}`);
      if (attributeType === 'ST_UniqueID') ids.set(value, (ids.get(value) ?? 0) + 1);
      if (attributeType === 'ST_Delegate' && !isCallback(value)) problems.push(`${where}: ${attribute}="${value}" names no global function of the page`);
    }
    if (DOCUMENTED_RULES.oneIdOf.every((attribute) => attribute in rule.attributes)) {
      const given = DOCUMENTED_RULES.oneIdOf.filter((attribute) => attributes[attribute] !== undefined);
      if (given.length !== 1) problems.push(`${where}: needs exactly one of ${DOCUMENTED_RULES.oneIdOf.join(', ')}, has ${given.length}`);
    }
    for (const set of DOCUMENTED_RULES.exclusive) {
      const given = set.filter((attribute) => attributes[attribute] !== undefined);
      if (given.length > 1) problems.push(`${where}: ${given.join(' and ')} exclude each other`);
    }
    const children = childrenOf(node).filter((child) => nameOf(child) !== '#comment');
    for (const child of children) if (nameOf(child) === '#text') problems.push(`${where}: text is not allowed in <${name}>`);
    const elements = children.filter((child) => nameOf(child) !== '#text');
    problems.push(...contentProblems(where, rule, elements.map(nameOf)));
    for (const child of elements) {
      const childName = nameOf(child);
      const childType = rule.content.particles.find((particle) => childName in particle.elements)?.elements[childName];
      if (childType !== undefined) visit(child, childType, `${path}/${childName}`);
    }
  };
  visit(root, ROOT.type, ROOT.name);
  for (const [id, count] of ids) if (count > 1) problems.push(`id "${id}" is used ${count} times (xsd:ID must be unique)`);
  return problems;
}
