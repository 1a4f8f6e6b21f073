import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import type { Client } from '@temporalio/client';
import type { EventStore, SqlDriver } from '@pj/event-store';
import type { ProjectionRunner } from '@pj/projections';
import { AuthGuard } from './auth/auth.guard';
import { CasesModule } from './cases/cases.module';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { EVENT_STORE, PROJECTIONS, READ_MODELS, TEMPORAL_CLIENT } from './infrastructure/tokens';
import { HealthController } from './health/health.controller';
import { ReadModelsModule } from './read-models/read-models.module';

export interface ApiDependencies {
  readonly store: EventStore;
  readonly readModels: SqlDriver;
  readonly projections: ProjectionRunner;
  readonly temporalClient?: Client;
  readonly jwtSecret: string;
}

/** The API: capability modules over one event store, one Temporal client and one auth scheme. */
@Module({})
export class AppModule {
  static register(dependencies: ApiDependencies): DynamicModule {
    const infrastructure = {
      module: AppModule,
      global: true,
      providers: [
        { provide: EVENT_STORE, useValue: dependencies.store },
        { provide: READ_MODELS, useValue: dependencies.readModels },
        { provide: PROJECTIONS, useValue: dependencies.projections },
        ...(dependencies.temporalClient ? [{ provide: TEMPORAL_CLIENT, useValue: dependencies.temporalClient }] : []),
      ],
      exports: [EVENT_STORE, READ_MODELS, PROJECTIONS, ...(dependencies.temporalClient ? [TEMPORAL_CLIENT] : [])],
    };
    return {
      ...infrastructure,
      imports: [
        CqrsModule.forRoot({ rethrowUnhandled: true }),
        JwtModule.register({ global: true, secret: dependencies.jwtSecret, signOptions: { expiresIn: '8h' } }),
        CasesModule,
        ReadModelsModule,
      ],
      controllers: [HealthController],
      providers: [
        ...infrastructure.providers,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
