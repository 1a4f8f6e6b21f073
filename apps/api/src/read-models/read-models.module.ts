import { Module } from '@nestjs/common';
import { CaseEventStream } from './case-event-stream';
import { CaseReadsController } from './case-reads.controller';
import { LiveFeed } from './live-feed';
import { GetCaseTimelineHandler } from './get-case-timeline.handler';
import { GetFactoryHandler } from './get-factory.handler';
import { GetFindingHandler } from './get-finding.handler';
import { ListCasesHandler } from './list-cases.handler';
import { ItemHandler, ListHandler } from './lists/list.query';
import { ProcurementReadsController } from './procurement-reads.controller';
import { CaseListHandler, GetCaseRequirementsHandler, ListCyclesHandler } from './procurement-reads.queries';
import { RegistryController } from './registry.controller';
import { RemedyReadsController } from './remedy-reads.controller';

/** Queries over the read models (libs/projections), each scoped by the caller's organisation. */
@Module({
  controllers: [CaseReadsController, RegistryController, RemedyReadsController, ProcurementReadsController],
  providers: [
    CaseEventStream,
    LiveFeed,
    ListCasesHandler,
    GetCaseTimelineHandler,
    ListHandler,
    GetFactoryHandler,
    // Remedy's reads (RemedyReadsController).
    ItemHandler,
    GetFindingHandler,
    // The tender's and the contract's reads (ProcurementReadsController).
    CaseListHandler,
    ListCyclesHandler,
    GetCaseRequirementsHandler,
  ],
})
export class ReadModelsModule {}
