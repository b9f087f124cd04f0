import pg from 'pg';

export interface CapturedStatement {
  text: string;
  /** The prepared statement's name, when it was sent as one. */
  name?: string;
}

/** The SQL statements the app sends while `work` runs (every statement goes through pg's Client.query). */
export async function captureStatements(
  work: () => Promise<unknown>,
): Promise<CapturedStatement[]> {
  const original = pg.Client.prototype.query;
  const statements: CapturedStatement[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    statements.push(
      typeof first === 'string' ? { text: first } : { text: first?.text ?? '?', name: first?.name },
    );
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return statements;
}
