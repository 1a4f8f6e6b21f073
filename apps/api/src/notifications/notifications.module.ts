import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';

/** The in-app inbox, mail preferences, the outbox for administrators and supplier contacts. */
@Module({ controllers: [NotificationsController] })
export class NotificationsModule {}
