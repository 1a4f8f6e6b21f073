import { Module } from '@nestjs/common';
import { ContractPerformanceController } from './contract-performance.controller';

@Module({ controllers: [ContractPerformanceController] })
export class ContractPerformanceModule {}
