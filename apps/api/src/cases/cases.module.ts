import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { GetCaseHandler } from './get-case.handler';

@Module({
  controllers: [CasesController],
  providers: [GetCaseHandler],
})
export class CasesModule {}
