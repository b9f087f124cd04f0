import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import {
  FULL_ACTION_SELECTION,
  type ActionProperty,
  type ActionSelection,
  type OfficerProperty,
  type PropertySelection,
  type SourceProperty,
} from '@app/domain';

/**
 * Which properties of the records a connection of actions needs, read from the query itself
 * (lookahead): the page statement then fetches only those. Each GraphQL field of DisciplinaryAction,
 * Officer, Source and Citation is mapped below to the properties its value comes from. Safe by
 * construction where it could go wrong:
 * - a field that is not in these maps (a field added later) selects everything;
 * - `@skip` and `@include` are ignored: a field under either is fetched as if asked (fetching a
 *   field too many is harmless; one too few would answer null);
 * - fragments (named and inline) are followed, each expanded once per selection set (fieldsOf);
 *   aliases and repeated fields add up.
 * A test fails when the schema has a field these maps do not name (test/selection.e2e-spec.ts).
 */

type Fragments = Record<string, FragmentDefinitionNode>;

class UnknownField extends Error {}

/** The fields of a fragment with its own fragments expanded, and the fragments it expanded. */
interface Expansion {
  fields: readonly FieldNode[];
  fragments: ReadonlySet<string>;
}

// Each fragment's expansion, worked out once per document (Apollo keeps one parsed document per query
// text, so the entries go with it). A fragment's type condition is the type it is read on, and every
// type here is an object type: where it is spread does not change its fields, so the fragment alone is the key.
const expansions = new WeakMap<FragmentDefinitionNode, Expansion>();

/**
 * Every field of a selection set, fragments expanded once each, as graphql-js collects fields: a
 * fragment spread again in the same selection set (directly or through another fragment) adds no
 * field the first spread did not, so it is not expanded again. 1,200 spreads of a fragment that
 * spreads another 1,200 times are two expansions, not 1,440,000. A field may still come several times.
 */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Fragments): FieldNode[] {
  const out: FieldNode[] = [];
  collect(set, fragments, out, new Set());
  return out;
}

function collect(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  out: FieldNode[],
  seen: Set<string>,
): void {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet, fragments, out, seen);
    else if (!seen.has(s.name.value)) {
      const { fields, fragments: inside } = expansionOf(s.name.value, fragments);
      for (const name of inside) seen.add(name);
      for (const f of fields) out.push(f);
    }
  }
}

function expansionOf(name: string, fragments: Fragments): Expansion {
  const fragment = fragments[name];
  if (!fragment) throw new UnknownField(name);
  const known = expansions.get(fragment);
  if (known) return known;
  const fields: FieldNode[] = [];
  // The fragment itself is in `seen` first: a cycle (refused by validation anyway) ends here.
  const seen = new Set([name]);
  collect(fragment.selectionSet, fragments, fields, seen);
  const expansion = { fields, fragments: seen };
  expansions.set(fragment, expansion);
  return expansion;
}

/** The GraphQL fields of a type that read one property of the record (or none: id, __typename, history). */
type PropertyFields<P extends string> = Record<string, P | null>;

export const ACTION_PROPERTY_FIELDS: PropertyFields<ActionProperty> = {
  __typename: null,
  id: null,
  actionType: 'actionType',
  subjectCount: 'subjectCount',
  subjectDescription: 'subjectDescription',
  province: 'provinceCode',
  agency: 'agencyCode',
  rank: 'rankCode',
  rankText: 'rankText',
  position: 'position',
  reasonDetail: 'reasonDetail',
  reasonSplit: 'reasonCounts',
  occurred: 'occurred',
  occurredQualifier: 'occurred',
  occurredFrom: 'occurredFrom',
  occurredTo: 'occurredTo',
  decidedBy: 'decidedBy',
  visibility: 'visibility',
  externalId: 'externalId',
  retractedAt: 'retractedAt',
  retractionReason: 'retractionReason',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  version: 'version',
  // Loaded by the id (history is read by the action's id; links, countedAs and issues through the request's action loader).
  history: null,
  links: null,
  countedAs: null,
  duplicates: null,
  issues: null,
  // Alternatives by the action's id; disputed compares them with the action from the request's loader.
  alternatives: null,
  disputed: null,
  // Scored for the action's id when asked (editors).
  likelyDuplicates: null,
};
/** The fields of DisciplinaryAction that read a related record: handled in actionSelectionOf. */
export const ACTION_RELATION_FIELDS = ['officer', 'reasons', 'citations', 'citationCount'] as const;

export const OFFICER_PROPERTY_FIELDS: PropertyFields<OfficerProperty> = {
  __typename: null,
  id: null,
  fullName: 'fullName',
  fullNameKm: 'fullNameKm',
  aliases: 'aliases',
  gender: 'gender',
  notes: 'notes',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  version: 'version',
  history: null,
  // The merges into this officer, by its id.
  mergedFrom: null,
};

export const SOURCE_PROPERTY_FIELDS: PropertyFields<SourceProperty> = {
  __typename: null,
  id: null,
  title: 'title',
  publisher: 'publisher',
  url: 'url',
  publishedOn: 'publishedOn',
  language: 'language',
  kind: 'kind',
  archiveUrl: 'archiveUrl',
  accessedOn: 'accessedOn',
  // Whether a source is confidential always comes with it (it decides what is withheld).
  confidential: null,
  redacted: null,
  notes: 'notes',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  version: 'version',
  history: null,
};
/** The fields of Citation: its own (excerpt, locator, always brought) and its source. */
export const CITATION_FIELDS = ['__typename', 'excerpt', 'locator', 'source'] as const;

/** The properties that the fields of `set` read, or 'all' when one of them is not in `map`. */
function propertiesOf<P extends string>(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  map: PropertyFields<P>,
  into: Set<P> = new Set(),
): PropertySelection<P> {
  for (const field of fieldsOf(set, fragments)) {
    const name = field.name.value;
    if (!Object.hasOwn(map, name)) return 'all';
    const property = map[name];
    if (property) into.add(property);
  }
  return into;
}

/** Merges two selections of the same record: 'all' wins. */
function union<P extends string>(
  a: PropertySelection<P> | null,
  b: PropertySelection<P>,
): PropertySelection<P> {
  if (a === 'all' || b === 'all') return 'all';
  return a ? new Set([...a, ...b]) : b;
}

/** What the action nodes selected under these fields (each a DisciplinaryAction) read. */
function selectionOfNodes(nodes: readonly FieldNode[], fragments: Fragments): ActionSelection {
  const action = new Set<ActionProperty>();
  const selection: ActionSelection = { action, officer: null, reasons: false, citations: null };
  for (const field of nodes.flatMap((node) => fieldsOf(node.selectionSet, fragments))) {
    const name = field.name.value;
    if (Object.hasOwn(ACTION_PROPERTY_FIELDS, name)) {
      const property = ACTION_PROPERTY_FIELDS[name];
      if (property) action.add(property);
    } else if (name === 'officer') {
      selection.officer = union(
        selection.officer,
        propertiesOf(field.selectionSet, fragments, OFFICER_PROPERTY_FIELDS),
      );
    } else if (name === 'reasons') {
      selection.reasons = true;
    } else if (name === 'citations' || name === 'citationCount') {
      let source: PropertySelection<SourceProperty> = new Set();
      for (const c of fieldsOf(field.selectionSet, fragments)) {
        if (!(CITATION_FIELDS as readonly string[]).includes(c.name.value)) source = 'all';
        else if (c.name.value === 'source')
          source = union(source, propertiesOf(c.selectionSet, fragments, SOURCE_PROPERTY_FIELDS));
      }
      selection.citations = { source: union(selection.citations?.source ?? null, source) };
    } else {
      return FULL_ACTION_SELECTION;
    }
  }
  return selection;
}

// A query document is parsed once and kept by Apollo (its document store): the same field node
// comes back for every request of that text, so its selection is worked out once.
const cache = new WeakMap<FieldNode, ActionSelection>();

/**
 * The selection of the actions of the connection field being resolved (`info` of a resolver
 * returning DisciplinaryActionConnection): the fields under `edges { node { ... } }`.
 */
export function actionSelectionOf(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
): ActionSelection {
  const key = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  const known = key && cache.get(key);
  if (known) return known;
  let selection: ActionSelection;
  try {
    const fragments = info.fragments as Fragments;
    const edges = info.fieldNodes
      .flatMap((f) => fieldsOf(f.selectionSet, fragments))
      .filter((f) => f.name.value === 'edges');
    const nodes = edges
      .flatMap((e) => fieldsOf(e.selectionSet, fragments))
      .filter((f) => f.name.value === 'node');
    selection = selectionOfNodes(nodes, fragments);
  } catch (err) {
    if (!(err instanceof UnknownField)) throw err;
    selection = FULL_ACTION_SELECTION;
  }
  if (key) cache.set(key, selection);
  return selection;
}

/**
 * Whether the field being resolved selects the field `name` directly (fragments followed, `@skip`
 * and `@include` ignored: a field under either counts as asked).
 */
export function selectsField(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  name: string,
): boolean {
  const fragments = info.fragments as Fragments;
  return info.fieldNodes.some((f) =>
    fieldsOf(f.selectionSet, fragments).some((s) => s.name.value === name),
  );
}
