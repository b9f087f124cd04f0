import { Injectable } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { jitGateway } from './jit-executor.js';

/** Nest's Apollo driver with graphql-jit as the executor (jit-executor.ts); everything else as Nest sets it up. */
@Injectable()
export class JitApolloDriver extends ApolloDriver {
  override async registerServer(options: ApolloDriverConfig): Promise<void> {
    await super.registerServer({ ...options, gateway: jitGateway(options.schema!) } as ApolloDriverConfig);
  }
}
