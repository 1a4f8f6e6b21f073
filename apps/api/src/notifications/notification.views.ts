import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DELIVERY_PREFERENCES, LOCALES, NOTIFICATION_KINDS } from '@pj/notifications';
import { ListParams, PageOf } from '../read-models/lists/list-params';
import { defineList, instant, text, whole } from '../read-models/lists/list-spec';

/** One notification in the caller's in-app inbox. */
export class NotificationView {
  @ApiProperty({ example: '8d1b0b0e-5d8c-5b7e-9a51-0c1f1c8e2f11' }) notificationId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'escalation' }) kind!: string;
  @ApiProperty({ example: 'ladder.escalated_to_compliance_officer' }) template!: string;
  @ApiProperty({ enum: LOCALES, example: 'en' }) locale!: string;
  @ApiProperty({ example: 'Breach danwatch-1 is escalated to you' }) subject!: string;
  @ApiProperty({ example: 'Breach danwatch-1 of case 2026-001 was escalated to the compliance officers: plan overdue' })
  body!: string;
  @ApiProperty({ example: 'BreachEscalated' }) eventType!: string;
  @ApiProperty({ example: '0f7c3a9e-1b2d-5e4f-8a6b-7c8d9e0f1a2b' }) eventId!: string;
  @ApiPropertyOptional({ example: 'danwatch-1', nullable: true, type: String }) subjectId!: string | null;
  @ApiProperty({ example: '2026-06-13T09:00:00.000Z' }) createdAt!: string;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) readAt!: string | null;
}

/** The caller's own notifications, newest first: the list is scoped to the organisation and to the person. */
export const notificationList = defineList<NotificationView, { kind?: string; unread?: string }>({
  name: 'notifications',
  from: 'pj_notifications',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    notificationId: text('notification_id'),
    kind: text('kind'),
    template: text('template'),
    locale: text('locale'),
    subject: text('subject'),
    body: text('body'),
    eventType: text('event_type'),
    eventId: text('event_id'),
    subjectId: text('subject_id', { nullable: true }),
    createdAt: instant('created_at'),
    readAt: instant('read_at', { nullable: true }),
  },
  id: 'notificationId',
  sorts: ['createdAt'],
  defaultSort: '-createdAt',
  where: ({ kind, unread }, bind, caller) => [
    `recipient_id = ${bind(caller.id)}`,
    kind && `kind = ${bind(kind)}`,
    unread === 'true' && 'read_at IS NULL',
  ],
  // Every role reads its own inbox; the recipient condition above is the scope.
  parties: { supplier: () => 'TRUE', monitor: () => 'TRUE' },
});

export class ListNotificationsParams extends ListParams(notificationList) {
  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, example: 'decision' })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS)
  kind?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], example: 'true', description: 'Only those not yet read' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: string;
}

export class NotificationPage extends PageOf(NotificationView) {}

export class NotificationPreferenceView {
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'reminder' }) kind!: string;
  @ApiProperty({ enum: DELIVERY_PREFERENCES, example: 'daily_digest' }) delivery!: string;
}

export class NotificationPreferencesView {
  @ApiProperty({
    type: [NotificationPreferenceView],
    example: [
      { kind: 'reminder', delivery: 'daily_digest' },
      { kind: 'decision', delivery: 'immediately' },
    ],
  })
  preferences!: NotificationPreferenceView[];
}

export class SetNotificationPreferenceDto {
  @ApiProperty({
    enum: DELIVERY_PREFERENCES,
    example: 'daily_digest',
    description: 'Mail at once, gathered in one mail a day, or none (the in-app inbox keeps every notification)',
  })
  @IsIn(DELIVERY_PREFERENCES)
  delivery!: (typeof DELIVERY_PREFERENCES)[number];
}

/** A message that failed every attempt: kept for an administrator, never dropped. */
export class DeliveryView {
  @ApiProperty({ example: '6a0d7c1e-3f2b-5c4d-8e9f-0a1b2c3d4e5f', description: 'Also the idempotency key' })
  deliveryId!: string;
  @ApiProperty({ enum: ['email', 'webhook'], example: 'webhook' }) channel!: string;
  @ApiProperty({ example: 'https://erp.example.org/hooks/procurement' }) address!: string;
  @ApiProperty({ enum: ['pending', 'dispatched', 'digest', 'gathered', 'delivered', 'parked'], example: 'parked' })
  status!: string;
  @ApiProperty({ example: 'escalation' }) kind!: string;
  @ApiProperty({ example: 'Breach danwatch-1 is escalated to you' }) subject!: string;
  @ApiProperty({ example: 'BreachEscalated' }) eventType!: string;
  @ApiProperty({ example: 10 }) attempts!: number;
  @ApiPropertyOptional({
    example: 'webhook https://erp.example.org/hooks/procurement answered 503',
    nullable: true,
    type: String,
  })
  lastError!: string | null;
  @ApiProperty({ example: '2026-06-13T09:00:00.000Z' }) createdAt!: string;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) deliveredAt!: string | null;
  @ApiPropertyOptional({ example: '2026-06-13T12:31:00.000Z', nullable: true, type: String }) parkedAt!: string | null;
}

export const DELIVERY_STATUSES = ['pending', 'dispatched', 'digest', 'gathered', 'delivered', 'parked'] as const;

/** The organisation's outbox: parked deliveries first by default filter. */
export const deliveryList = defineList<DeliveryView, { status?: string }>({
  name: 'deliveries',
  from: 'pj_deliveries',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    deliveryId: text('delivery_id'),
    channel: text('channel'),
    address: text('address'),
    status: text('status'),
    kind: text('kind'),
    subject: text('subject'),
    eventType: text('event_type'),
    attempts: whole('attempts'),
    lastError: text('last_error', { nullable: true }),
    createdAt: instant('created_at'),
    deliveredAt: instant('delivered_at', { nullable: true }),
    parkedAt: instant('parked_at', { nullable: true }),
  },
  id: 'deliveryId',
  sorts: ['createdAt', 'parkedAt'],
  defaultSort: '-createdAt',
  where: ({ status }, bind) => [status && `status = ${bind(status)}`],
});

export class ListDeliveriesParams extends ListParams(deliveryList) {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, example: 'parked' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: string;
}

export class DeliveryPage extends PageOf(DeliveryView) {}

/** Someone at a supplier the buyer writes to about that supplier's obligations. */
export class SupplierContactView {
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({ example: 'compliance-desk' }) contactId!: string;
  @ApiProperty({ example: 'Dell supplier compliance desk' }) name!: string;
  @ApiProperty({ example: 'supplier-compliance@dell.example' }) email!: string;
  @ApiProperty({ enum: LOCALES, example: 'en' }) locale!: string;
  @ApiProperty({ example: 'dev-contract-manager' }) addedBy!: string;
  @ApiProperty({ example: '2026-06-13T09:00:00.000Z' }) addedAt!: string;
}

export class KeepSupplierContactDto {
  @ApiProperty({ example: 'dell' }) @IsString() supplierId!: string;
  @ApiProperty({ example: 'compliance-desk' }) @IsString() contactId!: string;
  @ApiProperty({ example: 'Dell supplier compliance desk' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: 'supplier-compliance@dell.example' }) @IsEmail() @MaxLength(320) email!: string;
  @ApiPropertyOptional({ enum: LOCALES, example: 'es', description: 'The language mails are written in (default en)' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: (typeof LOCALES)[number];
}

export const supplierContactList = defineList<SupplierContactView, { supplierId?: string }>({
  name: 'supplier-contacts',
  from: 'pj_supplier_contacts',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    supplierId: text('supplier_id'),
    contactId: text('contact_id'),
    name: text('name'),
    email: text('email'),
    locale: text('locale'),
    addedBy: text('added_by'),
    addedAt: instant('added_at'),
  },
  id: text("supplier_id || '/' || contact_id"),
  sorts: ['supplierId', 'addedAt'],
  defaultSort: 'supplierId',
  where: ({ supplierId }, bind) => [supplierId && `supplier_id = ${bind(supplierId)}`],
});

export class ListSupplierContactsParams extends ListParams(supplierContactList) {
  @ApiPropertyOptional({ example: 'dell' }) @IsOptional() @IsString() supplierId?: string;
}

export class SupplierContactPage extends PageOf(SupplierContactView) {}
