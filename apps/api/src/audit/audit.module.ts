import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AUDIT_KEYS, auditKeysFromEnvironment } from './audit-keys';
import { AuditJobs } from './audit-jobs';
import { AuditTrail } from './audit-trail';
import { AuditController } from './audit.controller';
import { ConfidentialReadLog, ConfidentialReadsInterceptor } from './confidential-reads';

/**
 * Auditors over HTTP: replay, diff, causation, verification and export of the caller's
 * organisation, long work as jobs kept in SQL, and the record of confidential reads (its
 * interceptor is global: any handler marked `@RecordsRead(kind)` is recorded).
 */
@Module({
  controllers: [AuditController],
  providers: [
    AuditTrail,
    AuditJobs,
    ConfidentialReadLog,
    { provide: AUDIT_KEYS, useFactory: () => auditKeysFromEnvironment() },
    { provide: APP_INTERCEPTOR, useClass: ConfidentialReadsInterceptor },
  ],
})
export class AuditModule {}
