import { Module } from '@nestjs/common';
import { CaseEventStream } from './case-event-stream';
import { CaseReadsController } from './case-reads.controller';
import { LiveFeed } from './live-feed';
import { GetCaseTimelineHandler } from './get-case-timeline.handler';
import { GetFactoryHandler } from './get-factory.handler';
import { ListCasesHandler } from './list-cases.handler';
import { ListHandler } from './lists/list.query';
import { RegistryController } from './registry.controller';

/** Queries over the read models (libs/projections), each scoped by the caller's organisation. */
@Module({
  controllers: [CaseReadsController, RegistryController],
  providers: [CaseEventStream, LiveFeed, ListCasesHandler, GetCaseTimelineHandler, ListHandler, GetFactoryHandler],
})
export class ReadModelsModule {}
