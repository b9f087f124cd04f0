import {
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { FULL_ACTION_SELECTION } from '@app/domain';
import { actionSelectionOf } from './action-selection.js';

/** What a resolver of the first root field of `query` is handed: its field node and the fragments. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

const lookahead = (query: string) => actionSelectionOf(infoOf(query));

const spreads = (name: string, n: number) =>
  Array.from({ length: n }, () => `...${name}`).join(' ');

describe('actionSelectionOf: fragments expanded once per selection set', () => {
  it('reads 1,200 spreads of a fragment that spreads another 1,200 times in milliseconds, not seconds', () => {
    // Not validated here: the lookahead must be cheap on its own, whatever limit validation sets.
    const query = `{ actions { edges { node { ${spreads('B', 1200)} } } } }
      fragment B on DisciplinaryAction { ${spreads('A', 1200)} officer { ${spreads('O', 1200)} } }
      fragment A on DisciplinaryAction { occurred }
      fragment O on Officer { fullName }`;
    const info = infoOf(query);
    const started = performance.now();
    const selection = actionSelectionOf(info);
    // Re-expanding every spread (the defect) took 1.1-1.5 s for the first two levels alone.
    expect(performance.now() - started).toBeLessThan(250);
    expect(selection).toEqual({
      action: new Set(['occurred']),
      officer: new Set(['fullName']),
      reasons: false,
      citations: null,
    });
  });

  it('keeps what each spread brings: a fragment met again inside another fragment, and the other fragment’s own fields', () => {
    const selection = lookahead(`{ actions { edges { node { ...X ...Y ...X } } } }
      fragment X on DisciplinaryAction { ...Z rankText }
      fragment Y on DisciplinaryAction { ...Z officer { ...N } citations { source { ...S } } }
      fragment Z on DisciplinaryAction { position reasons { code } }
      fragment N on Officer { fullName }
      fragment S on Source { title }`);
    expect(selection).toEqual({
      action: new Set(['position', 'rankText']),
      officer: new Set(['fullName']),
      reasons: true,
      citations: { source: new Set(['title']) },
    });
  });

  it('merges one fragment spread under two aliases with different fragments beside it', () => {
    const selection =
      lookahead(`{ actions { edges { node { x: officer { ...N gender } y: officer { ...N notes } } } } }
      fragment N on Officer { fullName }`);
    expect(selection.officer).toEqual(new Set(['fullName', 'gender', 'notes']));
  });

  it('follows inline fragments and fields under @skip/@include (fetched as if asked)', () => {
    const selection =
      lookahead(`query($no: Boolean = false) { actions { edges { node { ... on DisciplinaryAction { decidedBy @include(if: $no) ...F @skip(if: true) } } } } }
      fragment F on DisciplinaryAction { occurredFrom }`);
    expect(selection.action).toEqual(new Set(['decidedBy', 'occurredFrom']));
  });

  it('selects everything for a field it does not know, even deep in nested fragments', () => {
    expect(
      lookahead(
        `{ actions { edges { node { ...A } } } } fragment A on DisciplinaryAction { ...B } fragment B on DisciplinaryAction { somethingNew }`,
      ),
    ).toBe(FULL_ACTION_SELECTION);
  });
});
