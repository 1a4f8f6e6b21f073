import { ApplicationFailure } from '@temporalio/common';
import type { NotificationActivities } from '@pj/contracts';
import type { SqlDriver } from '@pj/event-store';
import { deliver, parkDelivery, parkDigest, sendDigest, type Channels } from '@pj/notifications';

/** The outbox's database and the channels mail and webhooks go out through. */
export interface NotificationDependencies {
  readonly db: SqlDriver;
  readonly channels: Channels;
}

export function createNotificationActivities(
  notifications: NotificationDependencies | undefined,
): NotificationActivities {
  const outbox = () => {
    // A worker built without them (workflow tests) hosts no delivery.
    if (!notifications) throw ApplicationFailure.nonRetryable('this worker sends no notifications', 'NoNotifications');
    return notifications;
  };
  return {
    async deliverNotification(deliveryId) {
      const { db, channels } = outbox();
      await deliver(db, channels, deliveryId);
    },
    async parkDelivery(deliveryId, error) {
      await parkDelivery(outbox().db, deliveryId, error);
    },
    async sendDigest(digestId) {
      const { db, channels } = outbox();
      await sendDigest(db, channels, digestId);
    },
    async parkDigest(digestId, error) {
      await parkDigest(outbox().db, digestId, error);
    },
  };
}
