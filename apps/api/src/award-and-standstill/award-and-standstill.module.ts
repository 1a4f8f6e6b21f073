import { Module } from '@nestjs/common';
import { AwardAndStandstillController } from './award-and-standstill.controller';

@Module({ controllers: [AwardAndStandstillController] })
export class AwardAndStandstillModule {}
