import { Module } from '@nestjs/common';
import { RiskListsController } from './risk-lists.controller';

@Module({ controllers: [RiskListsController] })
export class RiskListsModule {}
