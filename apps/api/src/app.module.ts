import type { ApolloDriverConfig } from '@nestjs/apollo';
import { DuplicateScoringWorker } from './background/duplicate-scoring.worker.js';
import { JitApolloDriver } from './graphql/execution/jit-apollo.driver.js';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { DatabaseModule, type AppConfig } from '@app/core';
import {
  ActionAlternativeService,
  ActionLinkService,
  ActionService,
  DomainModule,
  FigureCheckService,
  ENTITIES,
  HistoryService,
  OfficerService,
  ReportedFigureService,
  SourceService,
  type Viewer,
} from '@app/domain';
import { MIGRATIONS } from '@app/migrations';
import { ApiKeyMiddleware } from './auth/api-key.middleware.js';
import { AppErrorsFilter } from './app-errors.filter.js';
import { createContext } from './graphql/context.js';
import { formatGraphQLError } from './graphql/format-error.js';
import { createValidationPipe } from './graphql/validation.js';
import { DateScalar, PartialDateScalar, SCALARS_MAP } from './graphql/scalars.js';
import { RESOLVERS } from './graphql/resolvers/index.js';
import { LandingController } from './http/landing.controller.js';
import { costLimitPlugin } from './graphql/limits/cost.plugin.js';
import { statusCodesPlugin } from './graphql/limits/status-codes.plugin.js';
import { LIMIT_VALIDATION_RULES, QUERY_LIMITS } from './graphql/limits/query-limits.js';
import {
  AddressRateLimitMiddleware,
  KeyRateLimitMiddleware,
  RateLimiter,
} from './graphql/limits/rate-limit.js';
import { ExportsController } from './http/exports.controller.js';
import { HealthController } from './http/health.controller.js';
import { Downloads } from './http/download.js';
import { ImportsController } from './http/imports.controller.js';
import { OpenApiController, OpenApiDocument } from './http/openapi.document.js';
import { FactCheckController } from './web/factcheck.controller.js';
import { FeedsController } from './http/feeds.controller.js';
import { CheckController } from './web/check.controller.js';
import { ClaimReviewController } from './http/claim-review.controller.js';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config?: AppConfig) {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({
          entities: ENTITIES,
          migrations: MIGRATIONS,
          runMigrations: true,
          config,
        }),
        DomainModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: JitApolloDriver,
          imports: [DomainModule],
          inject: [
            OfficerService,
            SourceService,
            ActionService,
            ReportedFigureService,
            HistoryService,
            FigureCheckService,
            ActionLinkService,
            ActionAlternativeService,
          ],
          useFactory: (
            officers: OfficerService,
            sources: SourceService,
            actions: ActionService,
            figures: ReportedFigureService,
            history: HistoryService,
            checks: FigureCheckService,
            links: ActionLinkService,
            alternatives: ActionAlternativeService,
          ) => ({
            path: '/graphql',
            autoSchemaFile: true,
            buildSchemaOptions: { scalarsMap: SCALARS_MAP },
            sortSchema: true,
            playground: false,
            introspection: true,
            resolvers: { Date: DateScalar, PartialDate: PartialDateScalar },
            includeStacktraceInErrorResponses: false,
            formatError: formatGraphQLError,
            // Request limits (README "Limits"): tokens at parse time, depth/aliases/directives at validation, cost before execution.
            parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
            validationRules: LIMIT_VALIDATION_RULES,
            // No cache hints are used: Apollo's default cache-control plugin would only wrap every field
            // resolver (~3 us a field, 40 ms on a tally of 2,300 groups; npm run bench).
            plugins: [
              costLimitPlugin(),
              statusCodesPlugin(),
              ApolloServerPluginCacheControlDisabled(),
            ],
            // Compact JSON (Apollo pretty-prints by default): a page of 100 actions is ~40 % smaller and faster to write.
            stringifyResult: (value: unknown) => JSON.stringify(value),
            context: ({ req }: { req: Request & { viewer?: Viewer } }) =>
              createContext(req, {
                officers,
                sources,
                actions,
                figures,
                history,
                checks,
                links,
                alternatives,
              }),
          }),
        }),
      ],
      controllers: [
        LandingController,
        HealthController,
        FactCheckController,
        CheckController,
        ExportsController,
        ClaimReviewController,
        ImportsController,
        OpenApiController,
        FeedsController,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AppErrorsFilter },
        ...RESOLVERS,
        RateLimiter,
        Downloads,
        OpenApiDocument,
        DuplicateScoringWorker,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(AddressRateLimitMiddleware, ApiKeyMiddleware, KeyRateLimitMiddleware)
      .forRoutes('*path');
  }
}
