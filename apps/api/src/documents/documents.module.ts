import { Module } from '@nestjs/common';
import { ConfidentialReadLog } from '../audit/confidential-reads';
import { DocumentsController } from './documents.controller';

@Module({ controllers: [DocumentsController], providers: [ConfidentialReadLog] })
export class DocumentsModule {}
