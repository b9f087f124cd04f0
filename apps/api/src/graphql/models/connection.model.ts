import { Field, Int, ObjectType, type FieldMiddleware } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import type { Page } from '@app/domain';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface ConnectionShape<T, X = object> {
  edges: ({ cursor: string; node: T } & X)[];
  pageInfo: PageInfo;
  /** Counted only when the field is asked for (see lazyCount). */
  totalCount: () => Promise<number>;
}

/** totalCount is stored as a function and called only when a client selects the field. */
export const lazyCount: FieldMiddleware = async (_ctx, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => Promise<number>)() : value;
};

/**
 * A Relay connection type `<Name>Connection` with `<Name>Edge` (or the given edge type, which has
 * cursor and node). `abstract`: a base for a class that adds fields and declares the type itself
 * (`@ObjectType('<Name>Connection') class ... extends Connection(...)`).
 */
export function Connection<T, X = object>(
  node: Type<T>,
  name: string,
  edge?: Type<{ cursor: string; node: T } & X>,
  options: { abstract?: boolean } = {},
): Type<ConnectionShape<T, X>> {
  @ObjectType(`${name}Edge`)
  class DefaultEdge {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }
  const Edge = edge ?? DefaultEdge;

  @ObjectType(`${name}Connection`, { isAbstract: options.abstract ?? false })
  class ConnectionType {
    @Field(() => [Edge]) edges: ({ cursor: string; node: T } & X)[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, {
      description:
        'The number of items in the whole list (costs a count query: ask only when needed).',
      middleware: [lazyCount],
    })
    totalCount: () => Promise<number>;
  }
  return ConnectionType as unknown as Type<ConnectionShape<T, X>>;
}

export function toConnection<E, M>(
  page: Page<E>,
  map: (item: E) => M,
  count: () => Promise<number>,
  hasPreviousPage: boolean,
): ConnectionShape<M> {
  return {
    edges: page.items.map((item, i) => ({ cursor: page.cursors[i], node: map(item) })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors[page.cursors.length - 1] ?? null,
    },
    totalCount: count,
  };
}
