import { Module } from '@nestjs/common';
import { FactoryRegistryController } from './factory-registry.controller';

@Module({ controllers: [FactoryRegistryController] })
export class FactoryRegistryModule {}
