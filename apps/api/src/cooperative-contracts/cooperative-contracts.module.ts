import { Module } from '@nestjs/common';
import { CooperativeContractsController } from './cooperative-contracts.controller';

@Module({ controllers: [CooperativeContractsController] })
export class CooperativeContractsModule {}
