/** Every property of a record, or only these (the record's key properties always come). */
export type PropertySelection<P extends string> = 'all' | ReadonlySet<P>;

/** The properties of `all` that `selection` keeps, in the order of `all`, with the `always` ones. */
export function selectedProperties<P extends string>(
  all: readonly P[],
  selection: PropertySelection<P>,
  always: readonly P[],
): P[] {
  if (selection === 'all') return [...all];
  return all.filter((p) => always.includes(p) || selection.has(p));
}
