import { Injectable } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { jitGateway } from './jit-executor.js';
import { readPropertiesDirectly } from './direct-field-reads.js';

/**
 * Nest's Apollo driver with graphql-jit as the executor (jit-executor.ts), on a schema whose plain
 * fields are read as properties (direct-field-reads.ts); everything else as Nest sets it up.
 */
@Injectable()
export class JitApolloDriver extends ApolloDriver {
  override async registerServer(options: ApolloDriverConfig): Promise<void> {
    readPropertiesDirectly(options.schema!);
    await super.registerServer({
      ...options,
      gateway: jitGateway(options.schema!),
    } as ApolloDriverConfig);
  }
}
