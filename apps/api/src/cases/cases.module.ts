import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { GetCaseHandler } from './get-case.handler';
import { OpenCaseHandler } from './open-case.handler';

@Module({
  controllers: [CasesController],
  providers: [OpenCaseHandler, GetCaseHandler],
})
export class CasesModule {}
