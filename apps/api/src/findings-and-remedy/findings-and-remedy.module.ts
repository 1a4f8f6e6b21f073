import { Module } from '@nestjs/common';
import { FindingsAndRemedyController } from './findings-and-remedy.controller';

@Module({ controllers: [FindingsAndRemedyController] })
export class FindingsAndRemedyModule {}
