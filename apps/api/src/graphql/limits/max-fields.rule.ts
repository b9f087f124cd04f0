import { Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';
import { QUERY_LIMITS, limitError } from './query-limits.js';

/**
 * Refuses, at validation, an operation with more than QUERY_LIMITS.maxFields fields once its fragments
 * are expanded: the fields it would have if every fragment spread were replaced by the fragment's
 * text (each spread counts again, as nested spreads multiply). Every later stage that follows
 * fragments (the cost walk, the lookahead of a page of actions, execution) then has a bounded
 * document to follow, whatever the parser accepted: 2,400 spreads in 5,000 tokens can stand for
 * 1,440,000 fields. The count is worked out once per fragment, so counting is as cheap as parsing.
 * `@skip`/`@include` are not evaluated (validation has no variables): every field counts.
 */
export function maxFieldsRule(context: ValidationContext): ASTVisitor {
  const byFragment = new Map<string, number>();
  const active = new Set<string>();

  const countFragment = (name: string): number => {
    const known = byFragment.get(name);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    // An unknown fragment or a cycle is reported by graphql-js's own rules.
    if (!fragment || active.has(name)) return 0;
    active.add(name);
    const n = countSet(fragment.selectionSet);
    active.delete(name);
    byFragment.set(name, n);
    return n;
  };

  const countSet = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += 1 + (s.selectionSet ? countSet(s.selectionSet) : 0);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += countSet(s.selectionSet);
      else n += countFragment(s.name.value);
    }
    return n;
  };

  return {
    OperationDefinition(operation) {
      const fields = countSet(operation.selectionSet);
      if (fields > QUERY_LIMITS.maxFields) {
        const found = Number.isSafeInteger(fields) ? fields : undefined;
        context.reportError(
          limitError(
            'maxFields',
            `The query has ${found ?? 'too many'} fields with its fragments expanded; the limit is ${QUERY_LIMITS.maxFields} (a fragment counts each time it is spread): ask for fewer fields`,
            found === undefined ? {} : { found },
          ),
        );
      }
      // Counted above; nothing below needs this rule's visit.
      return false;
    },
    FragmentDefinition: () => false,
  };
}
