import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { DatabaseModule, type AppConfig } from '@app/core';
import {
  ActionService,
  DomainModule,
  ENTITIES,
  OfficerService,
  ReportedFigureService,
  SourceService,
  type Viewer,
} from '@app/domain';
import { MIGRATIONS } from '@app/migrations';
import { ApiKeyMiddleware } from './auth/api-key.middleware.js';
import { createContext } from './graphql/context.js';
import { formatGraphQLError } from './graphql/format-error.js';
import { createValidationPipe } from './graphql/validation.js';
import { DateScalar, PartialDateScalar } from './graphql/scalars.js';
import { RESOLVERS } from './graphql/resolvers/index.js';
import { LandingController } from './http/landing.controller.js';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config?: AppConfig) {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({ entities: ENTITIES, migrations: MIGRATIONS, runMigrations: true, config }),
        DomainModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [DomainModule],
          inject: [OfficerService, SourceService, ActionService, ReportedFigureService],
          useFactory: (officers: OfficerService, sources: SourceService, actions: ActionService, figures: ReportedFigureService) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            playground: false,
            introspection: true,
            resolvers: { Date: DateScalar, PartialDate: PartialDateScalar },
            includeStacktraceInErrorResponses: false,
            formatError: formatGraphQLError,
            context: ({ req }: { req: Request & { viewer?: Viewer } }) => createContext(req, { officers, sources, actions, figures }),
          }),
        }),
      ],
      controllers: [LandingController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        ...RESOLVERS,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ApiKeyMiddleware).forRoutes('*path');
  }
}
