import { Module } from '@nestjs/common';
import { SupplyStandstillsController } from './supply-standstills.controller';

@Module({ controllers: [SupplyStandstillsController] })
export class SupplyStandstillsModule {}
