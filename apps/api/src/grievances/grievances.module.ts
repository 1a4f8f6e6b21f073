import { Module } from '@nestjs/common';
import { GrievanceReceiptStatusHandler } from './grievance-receipt-status.query';
import { GrievancesController } from './grievances.controller';
import { PublicGrievancesController } from './public-grievances.controller';

@Module({
  controllers: [GrievancesController, PublicGrievancesController],
  providers: [GrievanceReceiptStatusHandler],
})
export class GrievancesModule {}
