import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

const PROBE = Symbol('probe');

/** Whether `resolve` answers exactly what reading the property `name` answers (graphql's default resolver). */
function readsProperty(resolve: GraphQLFieldResolver<unknown, unknown>, name: string): boolean {
  try {
    const info = {} as Parameters<typeof resolve>[3];
    return (
      resolve({ [name]: PROBE }, {}, undefined, info) === PROBE &&
      resolve({}, {}, undefined, info) === undefined
    );
  } catch {
    return false;
  }
}

/**
 * @nestjs/graphql gives every field of every object type a resolver (`rootFieldResolver`: the
 * property, or the field's default value when it is undefined), even where there is no field
 * middleware and no default value. Both executors then call a function per field and row where a
 * property read would do; graphql-jit goes through its resolver machinery for each (closures and a
 * resolve-info), which made a page of 20 actions allocate ~440 KB, half of it there (allocation
 * profile under npm run bench's load). This removes each such resolver that answers exactly what
 * the default property read answers (probed: the property's value, and undefined for an absent
 * property, i.e. no default value and no renamed field), so the executors read the property inline.
 * Resolvers of @ResolveField methods and fields with middleware (totalCount) are kept.
 */
export function readPropertiesDirectly(schema: GraphQLSchema): number {
  let removed = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (
        field.resolve &&
        field.resolve.name === 'rootFieldResolver' &&
        readsProperty(field.resolve, field.name)
      ) {
        field.resolve = undefined;
        removed++;
      }
    }
  }
  return removed;
}
