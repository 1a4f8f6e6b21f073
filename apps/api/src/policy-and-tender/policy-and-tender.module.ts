import { Module } from '@nestjs/common';
import { PolicyAndTenderController } from './policy-and-tender.controller';

@Module({ controllers: [PolicyAndTenderController] })
export class PolicyAndTenderModule {}
