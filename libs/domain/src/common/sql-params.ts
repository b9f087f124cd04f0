/** Bind parameters of a statement being built: `add(value)` returns its placeholder (`$3`). */
export class SqlParams {
  readonly values: unknown[];

  constructor(values: unknown[] = []) {
    this.values = values;
  }

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}
