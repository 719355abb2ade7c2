/**
 * Derives the rule table of `customUiRules.ts` from the text of Microsoft's customUI.xsd, so the hand-transcribed
 * table can be compared with the schema wherever a copy of it is at hand (the schema is not redistributable, so the
 * repository holds none). Resolves what the modelled types use: attribute groups, complexContent extension and
 * restriction (prohibited attributes removed), sequence / choice / all / group references flattened into particles.
 */
import { XMLParser } from 'fast-xml-parser';
import type { AttributeType, ComplexTypeRule, Particle } from './customUiRules';

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const nameOf = (node: Node): string => Object.keys(node).find((key) => key !== ':@') ?? '';
const kids = (node: Node): Node[] => (node[nameOf(node)] as Node[]).filter((child) => !['#comment', '#text', 'xsd:annotation'].includes(nameOf(child)));
const attr = (node: Node, name: string): string | undefined => node[':@']?.[name];
const occurs = (node: Node, name: 'minOccurs' | 'maxOccurs'): number => {
  const value = attr(node, name);
  if (value === undefined) return 1;
  return value === 'unbounded' ? Number.POSITIVE_INFINITY : Number(value);
};

/** What the schema says, in the table's terms. */
export interface DerivedSchema {
  readonly targetNamespace: string;
  readonly rootType: (name: string) => string | undefined;
  readonly complexType: (name: string) => ComplexTypeRule;
  readonly lengthLimits: (simpleType: string) => readonly [number, number] | null;
}

/** Reads customUI.xsd's text. */
export function deriveCustomUiSchema(xsd: string): DerivedSchema {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', commentPropName: '#comment' });
  const schema = (parser.parse(xsd) as Node[]).find((node) => nameOf(node) === 'xsd:schema');
  if (schema === undefined) throw new Error('no xsd:schema element');
  const top = kids(schema);
  const named = (kind: string): Map<string, Node> => new Map(top.filter((node) => nameOf(node) === kind).map((node) => [attr(node, 'name') ?? '', node]));
  const complexTypes = named('xsd:complexType');
  const attributeGroups = named('xsd:attributeGroup');
  const groups = named('xsd:group');
  const simpleTypes = named('xsd:simpleType');
  const elements = named('xsd:element');
  const get = (map: Map<string, Node>, name: string): Node => {
    const node = map.get(name);
    if (node === undefined) throw new Error(`customUI.xsd has no definition ${name}`);
    return node;
  };

  /** Attributes declared by `nodes` (attribute, attributeGroup ref), with prohibited ones as `null`. */
  const declared = (nodes: readonly Node[]): Map<string, AttributeType | null> => {
    const out = new Map<string, AttributeType | null>();
    for (const node of nodes) {
      if (nameOf(node) === 'xsd:attribute') out.set(attr(node, 'name') ?? '', attr(node, 'use') === 'prohibited' ? null : (attr(node, 'type') as AttributeType));
      if (nameOf(node) === 'xsd:attributeGroup') for (const [name, type] of declared(kids(get(attributeGroups, attr(node, 'ref') ?? '')))) out.set(name, type);
    }
    return out;
  };

  /** A group's elements (its one choice, with nested group references). */
  const groupElements = (group: Node): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const node of kids(group)) {
      if (nameOf(node) === 'xsd:element') out[attr(node, 'name') ?? ''] = attr(node, 'type') ?? '';
      if (nameOf(node) === 'xsd:choice') Object.assign(out, groupElements(node));
      if (nameOf(node) === 'xsd:group') Object.assign(out, groupElements(get(groups, attr(node, 'ref') ?? '')));
    }
    return out;
  };

  /** A model group's particles, nested sequences flattened. */
  const particles = (node: Node): Particle[] => {
    switch (nameOf(node)) {
      case 'xsd:element':
        return [{ elements: { [attr(node, 'name') ?? '']: attr(node, 'type') ?? '' }, min: occurs(node, 'minOccurs'), max: occurs(node, 'maxOccurs') }];
      case 'xsd:choice':
        return [{ elements: groupElements(node), min: occurs(node, 'minOccurs'), max: occurs(node, 'maxOccurs') }];
      case 'xsd:group':
        return [{ elements: groupElements(get(groups, attr(node, 'ref') ?? '')), min: occurs(node, 'minOccurs'), max: occurs(node, 'maxOccurs') }];
      case 'xsd:sequence':
      case 'xsd:all':
        return kids(node).flatMap(particles);
      default:
        return [];
    }
  };

  const complexType = (name: string): ComplexTypeRule => {
    const type = get(complexTypes, name);
    const body = kids(type);
    const derivation = body.find((node) => nameOf(node) === 'xsd:complexContent');
    let base: ComplexTypeRule = { attributes: {}, content: { kind: 'sequence', particles: [] } };
    let own = body;
    let isExtension = true;
    if (derivation !== undefined) {
      const step = kids(derivation)[0];
      if (step === undefined) throw new Error(`${name}: empty complexContent`);
      base = complexType(attr(step, 'base') ?? '');
      own = kids(step);
      isExtension = nameOf(step) === 'xsd:extension';
    }
    const merged = new Map<string, AttributeType | null>(Object.entries(base.attributes));
    for (const [attribute, attributeType] of declared(own)) merged.set(attribute, attributeType);
    const attributes = Object.fromEntries([...merged].filter((entry): entry is [string, AttributeType] => entry[1] !== null));
    const model = own.find((node) => ['xsd:sequence', 'xsd:all', 'xsd:choice', 'xsd:group'].includes(nameOf(node)));
    const ownParticles = model === undefined ? [] : particles(model);
    const kind = model !== undefined && nameOf(model) === 'xsd:all' ? 'all' : 'sequence';
    // An extension appends its content to the base's; a restriction restates it (none of the modelled types has one with content).
    const content = isExtension ? { kind, particles: [...base.content.particles, ...ownParticles] } : { kind, particles: ownParticles };
    return { attributes, content } as ComplexTypeRule;
  };

  const lengthLimits = (simpleType: string): readonly [number, number] | null => {
    const restriction = kids(get(simpleTypes, simpleType)).find((node) => nameOf(node) === 'xsd:restriction');
    const facet = (facetName: string): number | undefined => {
      const node = restriction === undefined ? undefined : kids(restriction).find((child) => nameOf(child) === facetName);
      return node === undefined ? undefined : Number(attr(node, 'value'));
    };
    const min = facet('xsd:minLength');
    const max = facet('xsd:maxLength');
    return min === undefined || max === undefined ? null : [min, max];
  };

  return {
    targetNamespace: attr(schema, 'targetNamespace') ?? '',
    rootType: (name) => (elements.has(name) ? attr(get(elements, name), 'type') : undefined),
    complexType,
    lengthLimits,
  };
}
