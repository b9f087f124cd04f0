import { getMetadataArgsStorage } from 'typeorm';
import { asDate } from './query-result.js';
import { selectedProperties, type PropertySelection } from './selection.js';

/** A property of an entity and its column. */
export interface EntityColumn {
  property: string;
  column: string;
  /** The column's SQL type as declared ('date', 'timestamptz', 'bigint', ...). */
  type: string;
  /** Written by the database only (generated, identity, or stamped by the versioning triggers). */
  readOnly: boolean;
  /** Not read by default (select: false): internal to the database, e.g. a search column. */
  hidden: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityClass = Function;

const cache = new Map<EntityClass, EntityColumn[]>();

/**
 * The columns of an entity, from its TypeORM decorators (its own and its parents'), in declaration
 * order: the one column map that reads, writes and the record-time relations use, so that a new
 * field is its migration, its entity property, its model and its input, and nothing else.
 */
export function columnsOf(entity: EntityClass): EntityColumn[] {
  let columns = cache.get(entity);
  if (!columns) {
    const targets: EntityClass[] = [entity];
    for (
      let parent = Object.getPrototypeOf(entity);
      parent && parent !== Function.prototype;
      parent = Object.getPrototypeOf(parent)
    ) {
      targets.push(parent as EntityClass);
    }
    columns = getMetadataArgsStorage()
      .filterColumns(targets)
      .map((c) => ({
        property: c.propertyName,
        column: c.options.name ?? c.propertyName,
        type: String(c.options.type ?? ''),
        readOnly: c.options.insert === false && c.options.update === false,
        hidden: c.options.select === false,
      }));
    if (columns.length === 0) throw new Error(`${entity.name} declares no columns`);
    cache.set(entity, columns);
  }
  return columns;
}

/** Property -> column of an entity. */
export function columnMap<P extends string>(entity: EntityClass): Record<P, string> {
  return Object.fromEntries(columnsOf(entity).map((c) => [c.property, c.column])) as Record<
    P,
    string
  >;
}

/**
 * Reads and writes of one record table, derived from its entity: select lists and JSON of the
 * properties a query needs, and the entity back from a row (or from that JSON).
 */
export class EntityTable<E extends object, P extends keyof E & string = keyof E & string> {
  readonly columns: EntityColumn[];
  /** Readable properties, in declaration order. */
  readonly properties: P[];
  private readonly byProperty: Map<string, EntityColumn>;
  private readonly byColumn: Map<string, EntityColumn>;

  constructor(
    private readonly entity: new () => E,
    /** Properties every partial read brings (the key, and what decides visibility). */
    private readonly keys: readonly P[],
  ) {
    this.columns = columnsOf(entity);
    this.properties = this.columns.filter((c) => !c.hidden).map((c) => c.property as P);
    this.byProperty = new Map(this.columns.map((c) => [c.property, c]));
    this.byColumn = new Map(this.columns.map((c) => [c.column, c]));
  }

  column(property: P): string {
    return this.byProperty.get(property)!.column;
  }

  /** The properties to read for a selection (all, or these plus the keys), in declaration order. */
  selected(selection: PropertySelection<P> = 'all'): P[] {
    return selectedProperties(this.properties, selection, this.keys);
  }

  /** `alias.col, to_char(alias.day, 'YYYY-MM-DD') AS day, ...`: days as text (no time zone can shift them). */
  selectList(alias: string, selection: PropertySelection<P> | readonly P[] = 'all'): string {
    const properties = Array.isArray(selection)
      ? selection
      : this.selected(selection as PropertySelection<P>);
    return properties.map((p) => this.expression(alias, p, true)).join(', ');
  }

  /** The same properties as one JSON value, keyed by column. */
  jsonSql(alias: string, selection: PropertySelection<P> = 'all'): string {
    return `json_build_object(${this.selected(selection)
      .map((p) => `'${this.column(p)}', ${this.expression(alias, p, false)}`)
      .join(', ')})`;
  }

  /**
   * An entity from a row of selectList or from jsonSql's JSON; a partial row makes a partial entity
   * (the properties it did not bring are undefined). Built on the entity's prototype without running
   * its constructor: entities have no initialisers, and a page builds a hundred of them.
   */
  fromRow(r: Record<string, unknown>): E {
    const e = Object.create(this.entity.prototype as object) as Record<string, unknown>;
    for (const key in r) {
      const c = this.byColumn.get(key);
      if (!c) continue;
      const v = r[key];
      if (v === null || v === undefined) e[c.property] = null;
      else if (c.type === 'timestamptz') e[c.property] = asDate(v);
      else if (c.type === 'bigint') e[c.property] = String(v);
      else e[c.property] = v;
    }
    return e as E;
  }

  private expression(alias: string, property: P, named: boolean): string {
    const c = this.byProperty.get(property)!;
    if (c.type === 'date')
      return `to_char(${alias}.${c.column}, 'YYYY-MM-DD')${named ? ` AS ${c.column}` : ''}`;
    return `${alias}.${c.column}`;
  }
}
