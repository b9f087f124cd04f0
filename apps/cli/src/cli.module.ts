import { Module } from '@nestjs/common';
import { DatabaseModule, type AppConfig } from '@app/core';
import { DomainModule, ENTITIES } from '@app/domain';
import { MIGRATIONS } from '@app/migrations';

/** The CLI's world: the database and the domain, no HTTP or GraphQL. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, runMigrations: boolean) {
    return {
      module: CliModule,
      imports: [
        DatabaseModule.forRoot({
          entities: ENTITIES,
          migrations: MIGRATIONS,
          runMigrations,
          config,
        }),
        DomainModule,
      ],
    };
  }
}
