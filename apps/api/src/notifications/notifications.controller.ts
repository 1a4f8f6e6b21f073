import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { SqlDriver } from '@pj/event-store';
import { keepSupplierContact, NOTIFICATION_KINDS, type NotificationKind } from '@pj/notifications';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import { READERS, WRITERS, type Caller, type Role } from '../auth/roles';
import { InvalidInputError } from '../errors/request-errors';
import { READ_MODELS } from '../infrastructure/tokens';
import { ListEndpoint } from '../read-models/lists/list-endpoint';
import { ItemQuery, ListQuery } from '../read-models/lists/list.query';
import { ReadsFrom } from '../read-models/log-position';
import {
  DeliveryPage,
  deliveryList,
  KeepSupplierContactDto,
  ListDeliveriesParams,
  ListNotificationsParams,
  ListSupplierContactsParams,
  notificationList,
  NotificationPage,
  NotificationPreferencesView,
  NotificationView,
  SetNotificationPreferenceDto,
  supplierContactList,
  SupplierContactPage,
  SupplierContactView,
} from './notification.views';

/** Everyone with an inbox: every role is told something. */
const EVERYONE: readonly Role[] = [...READERS, 'supplier', 'monitor'];

/**
 * People are told: the caller's in-app inbox and mail preferences, the organisation's outbox (what
 * failed every attempt, for an administrator) and the supplier contacts the buyer writes to.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(READ_MODELS) private readonly db: SqlDriver,
  ) {}

  @Get('notifications')
  @AllowRoles(...EVERYONE)
  @ReadsFrom()
  @ListEndpoint(notificationList, {
    type: NotificationPage,
    description: 'The caller’s own notifications, newest first',
  })
  notifications(@Query() params: ListNotificationsParams, @CurrentCaller() caller: Caller): Promise<NotificationPage> {
    return this.queries.execute(new ListQuery(notificationList, params, caller));
  }

  @Post('notifications/:notificationId/read')
  @HttpCode(200)
  @AllowRoles(...WRITERS)
  @ApiParam({ name: 'notificationId', example: '8d1b0b0e-5d8c-5b7e-9a51-0c1f1c8e2f11' })
  @ApiOkResponse({ type: NotificationView, description: 'The notification, marked read (again: unchanged)' })
  @ApiResponse({ status: 404, description: 'No such notification for the caller' })
  async markRead(
    @Param('notificationId') notificationId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<NotificationView> {
    await this.db.query(
      `UPDATE pj_notifications SET read_at = COALESCE(read_at, now())
        WHERE notification_id = $1 AND organisation_id = $2 AND recipient_id = $3`,
      [notificationId, caller.organisationId, caller.id],
    );
    // `within` applies the list's conditions: only the caller's own notification is found.
    return this.queries.execute(
      new ItemQuery(notificationList, notificationId, caller, 'notification', { within: {} }),
    );
  }

  @Get('notification-preferences')
  @AllowRoles(...EVERYONE)
  @ReadsFrom()
  @ApiOkResponse({
    type: NotificationPreferencesView,
    description: 'How the caller is told of each kind (default: immediately)',
  })
  preferences(@CurrentCaller() caller: Caller): Promise<NotificationPreferencesView> {
    return this.preferencesOf(caller);
  }

  @Put('notification-preferences/:kind')
  @AllowRoles(...WRITERS)
  @ApiParam({ name: 'kind', enum: NOTIFICATION_KINDS, example: 'reminder' })
  @ApiOkResponse({ type: NotificationPreferencesView, description: 'Every kind’s choice after this one' })
  @ApiResponse({ status: 400, description: 'An unknown kind or delivery' })
  async setPreference(
    @Param('kind') kind: string,
    @Body() body: SetNotificationPreferenceDto,
    @CurrentCaller() caller: Caller,
  ): Promise<NotificationPreferencesView> {
    if (!NOTIFICATION_KINDS.includes(kind as NotificationKind))
      throw new InvalidInputError('unknown notification kind', [
        { field: 'kind', reason: `must be one of ${NOTIFICATION_KINDS.join(', ')}` },
      ]);
    await this.db.query(
      `INSERT INTO pj_notification_preferences (organisation_id, person_id, kind, delivery) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, person_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery, updated_at = now()`,
      [caller.organisationId, caller.id, kind, body.delivery],
    );
    return this.preferencesOf(caller);
  }

  @Get('notification-deliveries')
  @AllowRoles(...READERS)
  @ReadsFrom()
  @ListEndpoint(deliveryList, {
    type: DeliveryPage,
    description: 'The organisation’s outbox; `?status=parked`: deliveries that failed every attempt',
  })
  deliveries(@Query() params: ListDeliveriesParams, @CurrentCaller() caller: Caller): Promise<DeliveryPage> {
    return this.queries.execute(new ListQuery(deliveryList, params, caller));
  }

  @Post('supplier-contacts')
  @AllowRoles('contract_manager')
  @ApiCreatedResponse({ type: SupplierContactView, description: 'The contact, added or replaced' })
  @ApiResponse({ status: 400, description: 'A malformed id or e-mail address' })
  async keepContact(
    @Body() body: KeepSupplierContactDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SupplierContactView> {
    await keepSupplierContact(this.db, {
      organisationId: caller.organisationId,
      supplierId: body.supplierId,
      contactId: body.contactId,
      name: body.name,
      email: body.email,
      locale: body.locale ?? 'en',
      addedBy: caller.id,
    });
    const [row] = await this.db.query<{ added_at: Date | string }>(
      'SELECT added_at FROM pj_supplier_contacts WHERE organisation_id = $1 AND supplier_id = $2 AND contact_id = $3',
      [caller.organisationId, body.supplierId, body.contactId],
    );
    return {
      supplierId: body.supplierId,
      contactId: body.contactId,
      name: body.name,
      email: body.email,
      locale: body.locale ?? 'en',
      addedBy: caller.id,
      addedAt: new Date(row!.added_at).toISOString(),
    };
  }

  @Get('supplier-contacts')
  @AllowRoles(...READERS)
  @ReadsFrom()
  @ListEndpoint(supplierContactList, {
    type: SupplierContactPage,
    description: 'The supplier contacts the buyer writes to',
  })
  contacts(@Query() params: ListSupplierContactsParams, @CurrentCaller() caller: Caller): Promise<SupplierContactPage> {
    return this.queries.execute(new ListQuery(supplierContactList, params, caller));
  }

  private async preferencesOf(caller: Caller): Promise<NotificationPreferencesView> {
    const rows = await this.db.query<{ kind: string; delivery: string }>(
      'SELECT kind, delivery FROM pj_notification_preferences WHERE organisation_id = $1 AND person_id = $2',
      [caller.organisationId, caller.id],
    );
    const chosen = new Map(rows.map((row) => [row.kind, row.delivery]));
    return {
      preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: chosen.get(kind) ?? 'immediately' })),
    };
  }
}
