import { Module, type DynamicModule } from '@nestjs/common';
import { silentLogger, type Logger } from '@pj/config';
import { requestLogModule } from './logging/request-log';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { BuyerCalendars, LiveUpdatesConfig } from '@pj/config';
import type { EventStore, SqlDriver } from '@pj/event-store';
import type { ProjectionRunner } from '@pj/projections';
import { AuditModule } from './audit/audit.module';
import { AuthConfigController } from './auth/auth-config.controller';
import { AuthGuard } from './auth/auth.guard';
import { BearerTokens, type IssuerSettings } from './auth/bearer-tokens';
import { AwardAndStandstillModule } from './award-and-standstill/award-and-standstill.module';
import { BidsAndExclusionModule } from './bids-and-exclusion/bids-and-exclusion.module';
import { CasesModule } from './cases/cases.module';
import { CommandClockInterceptor } from './commands/command-clock.interceptor';
import { CommandsModule } from './commands/commands.module';
import { ContractPerformanceModule } from './contract-performance/contract-performance.module';
import { FactoryRegistryModule } from './factory-registry/factory-registry.module';
import { FindingsAndRemedyModule } from './findings-and-remedy/findings-and-remedy.module';
import { GrievancesModule } from './grievances/grievances.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PolicyAndTenderModule } from './policy-and-tender/policy-and-tender.module';
import { PurchasingPracticeReviewsModule } from './purchasing-practice-reviews/purchasing-practice-reviews.module';
import { RiskListsModule } from './risk-lists/risk-lists.module';
import { CooperativeContractsModule } from './cooperative-contracts/cooperative-contracts.module';
import { SupplyStandstillsModule } from './supply-standstills/supply-standstills.module';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import {
  BUYER_CALENDARS,
  CLOCK,
  EVENT_STORE,
  IDENTITY,
  LIVE_UPDATES,
  PROJECTIONS,
  READ_MODELS,
  TEMPORAL_CLIENT,
} from './infrastructure/tokens';
import { HealthController } from './health/health.controller';
import { PeopleDirectory } from './notifications/people-directory';
import { LogFollowers, ReadYourWritesInterceptor } from './read-models/log-position';
import { ReadModelsModule } from './read-models/read-models.module';
import { BUYER_TENDER_DEFAULTS, type BuyerTenderDefaults } from './policy-and-tender/buyer-tender-defaults';
import { DocumentsModule } from './documents/documents.module';
import { DOCUMENT_STORAGE, type DocumentStorage } from './documents/document-storage';

export interface ApiDependencies {
  readonly store: EventStore;
  readonly readModels: SqlDriver;
  readonly projections: ProjectionRunner;
  readonly temporalClient?: Client;
  /** HMAC key of development tokens (HS256); absent in production. */
  readonly jwtSecret?: string;
  /** The OpenID provider whose access tokens are accepted; absent: development tokens only (tests). */
  readonly identity?: IssuerSettings;
  readonly liveUpdates?: LiveUpdatesConfig;
  /** Each buyer's calendar for legal periods; absent, every buyer counts in UTC. */
  readonly buyerCalendars?: BuyerCalendars;
  /** The clock commands are decided at; the system clock unless a test gives one. */
  readonly clock?: () => Date;
  /** Each buyer's defaults for its tenders (the abnormally-low threshold). */
  readonly buyerTenderDefaults?: BuyerTenderDefaults;
  /** The process's logger: one line per request, Nest's messages; silent when absent (tests). */
  readonly logger?: Logger;
  /** Documents' content and the largest upload taken; absent, uploads and downloads answer 503. */
  readonly documents?: DocumentStorage;
}

/**
 * The API: capability modules over one event store, one Temporal client and one way to know the
 * caller (the identity provider's access tokens; development tokens outside production).
 */
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
        ...(dependencies.liveUpdates ? [{ provide: LIVE_UPDATES, useValue: dependencies.liveUpdates }] : []),
        { provide: BUYER_CALENDARS, useValue: dependencies.buyerCalendars ?? {} },
        { provide: CLOCK, useValue: dependencies.clock ?? (() => new Date()) },
        ...(dependencies.buyerTenderDefaults
          ? [{ provide: BUYER_TENDER_DEFAULTS, useValue: dependencies.buyerTenderDefaults }]
          : []),
        ...(dependencies.identity ? [{ provide: IDENTITY, useValue: dependencies.identity }] : []),
        { provide: DOCUMENT_STORAGE, useValue: dependencies.documents ?? {} },
        { provide: BearerTokens, useValue: new BearerTokens(dependencies.identity, dependencies.jwtSecret) },
        LogFollowers,
        PeopleDirectory,
      ],
      exports: [
        LogFollowers,
        BUYER_CALENDARS,
        CLOCK,
        PeopleDirectory,
        DOCUMENT_STORAGE,
        EVENT_STORE,
        READ_MODELS,
        PROJECTIONS,
        ...(dependencies.temporalClient ? [TEMPORAL_CLIENT] : []),
        ...(dependencies.liveUpdates ? [LIVE_UPDATES] : []),
        ...(dependencies.buyerTenderDefaults ? [BUYER_TENDER_DEFAULTS] : []),
      ],
    };
    return {
      ...infrastructure,
      imports: [
        CqrsModule.forRoot({ rethrowUnhandled: true }),
        requestLogModule(dependencies.logger ?? silentLogger),
        // Development only: what mints development tokens (verifying them is BearerTokens').
        ...(dependencies.jwtSecret
          ? [
              JwtModule.register({
                global: true,
                secret: createSecretKey(Buffer.from(dependencies.jwtSecret, 'utf8')),
                signOptions: { expiresIn: '8h', algorithm: 'HS256' },
              }),
            ]
          : []),
        CommandsModule,
        CasesModule,
        ReadModelsModule,
        PolicyAndTenderModule,
        BidsAndExclusionModule,
        AwardAndStandstillModule,
        ContractPerformanceModule,
        FactoryRegistryModule,
        FindingsAndRemedyModule,
        GrievancesModule,
        SupplyStandstillsModule,
        RiskListsModule,
        CooperativeContractsModule,
        PurchasingPracticeReviewsModule,
        AuditModule,
        NotificationsModule,
        DocumentsModule,
      ],
      controllers: [HealthController, AuthConfigController],
      providers: [
        ...infrastructure.providers,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        { provide: APP_INTERCEPTOR, useClass: CommandClockInterceptor },
      ],
    };
  }
}
