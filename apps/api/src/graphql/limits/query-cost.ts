import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { aggregateWeight, isAggregateField } from './cost-weights.js';

// A list that is not a connection (reasons, citations, parts, history) is costed as 10 items: they are short.
export const UNPAGED_LIST_SIZE = 10;
// The default page size of every connection (DEFAULT_PAGE_SIZE in the domain).
const DEFAULT_FIRST = 20;
// `__schema`, whatever is asked of it: the schema is read from memory, and all of it is ~200 KiB of JSON. Priced
// flat, since 10 items per nested list would price a full introspection (220 fields) at ~15,000 points.
const INTROSPECTION_COST = 500;
// The fields of a connection that hold its page: costed `first` times; the others (pageInfo, totalCount) once.
const PAGE_FIELDS = new Set(['edges', 'nodes']);

/** What running an operation may cost: points (README "Limits"), and how many aggregate fields it may resolve. */
export interface QueryCost {
  cost: number;
  aggregates: number;
}

/** Variables, or arguments built from them, that do not coerce: the client's error, to be answered as such. */
export class VariablesError extends Error {
  constructor(
    readonly errors: readonly GraphQLError[],
    /** The argument that could not be built, when it was an argument (its variable coerced, e.g. null for `Int!`). */
    readonly argument?: string,
  ) {
    super(errors[0]?.message ?? 'The variables do not fit the query');
  }
}

/** The cost of a selection set, split as a connection needs it: its page (edges, nodes) and the rest. */
interface SetCost {
  page: QueryCost;
  once: QueryCost;
}

const zero = (): QueryCost => ({ cost: 0, aggregates: 0 });
const addTo = (into: QueryCost, add: QueryCost) => {
  into.cost += add.cost;
  into.aggregates += add.aggregates;
};
const totalOf = (set: SetCost): QueryCost => ({
  cost: set.page.cost + set.once.cost,
  aggregates: set.page.aggregates + set.once.aggregates,
});

/**
 * The cost of running `operation` of `document` with `variables`, in the manner of Shopify's and
 * GitHub's: a scalar is free, an object costs 1, a connection 1 plus `first` times its page's nodes
 * (plus its pageInfo and totalCount once), an unpaged list 10 times its items, and an aggregate field
 * its weight (cost-weights.ts), `__schema` a flat 500; `@skip`/`@include` are followed. The walk visits each node of the
 * document once: a fragment is costed once per operation however often it is spread (its type
 * condition fixes the type it is costed on), so a document of fragments spreading fragments is
 * costed as cheaply as it is parsed, and its cost, however large, is a number to compare.
 * Throws VariablesError when the variables do not coerce.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): QueryCost {
  const { coerced, errors } = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    variables,
    { maxErrors: 50 },
  );
  if (errors) throw new VariablesError(errors);
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`The schema has no ${operation.operation} type`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return totalOf(
    new CostWalk(schema, fragments, coerced).selectionSet(operation.selectionSet, root),
  );
}

class CostWalk {
  private readonly byFragment = new Map<string, SetCost>();
  private readonly active = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  selectionSet(set: SelectionSetNode, type: GraphQLCompositeType): SetCost {
    const out: SetCost = { page: zero(), once: zero() };
    for (const s of set.selections) {
      if (!this.included(s)) continue;
      if (s.kind === Kind.FIELD) {
        addTo(PAGE_FIELDS.has(s.name.value) ? out.page : out.once, this.field(s, type));
        continue;
      }
      let inner: SetCost;
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const condition = s.typeCondition ? this.schema.getType(s.typeCondition.name.value) : type;
        if (!isCompositeType(condition)) continue;
        inner = this.selectionSet(s.selectionSet, condition);
      } else {
        inner = this.fragment(s.name.value);
      }
      addTo(out.page, inner.page);
      addTo(out.once, inner.once);
    }
    return out;
  }

  /** A fragment's cost, worked out once: the second spread of it reads the first's result. */
  private fragment(name: string): SetCost {
    const known = this.byFragment.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    const type = fragment && this.schema.getType(fragment.typeCondition.name.value);
    // An unknown fragment or a cycle is refused by validation before this runs.
    if (!fragment || !isCompositeType(type) || this.active.has(name))
      return { page: zero(), once: zero() };
    this.active.add(name);
    const cost = this.selectionSet(fragment.selectionSet, type);
    this.active.delete(name);
    this.byFragment.set(name, cost);
    return cost;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType): QueryCost {
    const def = this.definition(node.name.value, parent);
    // A field the type does not have is refused by validation before this runs.
    if (!def) return zero();
    if (def === SchemaMetaFieldDef) return { cost: INTROSPECTION_COST, aggregates: 0 };
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(def, node, this.variables);
    } catch (err) {
      throw new VariablesError(
        [err as GraphQLError],
        node.arguments?.find((a) => (err as Error).message.includes(`"${a.name.value}"`))?.name
          .value,
      );
    }
    const key = `${parent.name}.${def.name}`;
    const own: QueryCost = {
      cost: aggregateWeight(key, args),
      aggregates: isAggregateField(key) ? 1 : 0,
    };
    const named = getNamedType(def.type);
    if (!isCompositeType(named) || !node.selectionSet) return own;
    const child = this.selectionSet(node.selectionSet, named);
    if (def.args.some((a) => a.name === 'first')) {
      const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_FIRST;
      return {
        cost: own.cost + 1 + first * child.page.cost + child.once.cost,
        aggregates: own.aggregates + first * child.page.aggregates + child.once.aggregates,
      };
    }
    const inner = totalOf(child);
    // A connection's edges are counted `first` times by the connection itself.
    const isEdges = node.name.value === 'edges' && named.name.endsWith('Edge');
    const items = isListType(getNullableType(def.type)) && !isEdges ? UNPAGED_LIST_SIZE : 1;
    return {
      cost: own.cost + 1 + items * inner.cost,
      aggregates: own.aggregates + items * inner.aggregates,
    };
  }

  private definition(
    name: string,
    parent: GraphQLCompositeType,
  ): GraphQLField<unknown, unknown> | undefined {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  }

  /** `@skip(if:)` and `@include(if:)`, with the variables. */
  private included(node: SelectionNode): boolean {
    if (!node.directives?.length) return true;
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if !== false;
    } catch (err) {
      throw new VariablesError([err as GraphQLError], 'if');
    }
  }
}
