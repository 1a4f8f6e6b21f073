/** Deliveries of notifications (libs/notifications): one workflow per message, retried by Temporal. */
export const NOTIFICATION_DELIVERY_WORKFLOW_TYPE = 'notificationDeliveryWorkflow';
export const NOTIFICATION_DIGEST_WORKFLOW_TYPE = 'notificationDigestWorkflow';

/** The delivery id is the idempotency key receivers see; the workflow id follows it. */
export const notificationDeliveryWorkflowId = (deliveryId: string) => `notification-delivery:${deliveryId}`;
export const notificationDigestWorkflowId = (digestId: string) => `notification-digest:${digestId}`;

/** How a delivery is retried: exponential backoff from `initialIntervalMs`, then parked. */
export interface DeliveryRetry {
  readonly maximumAttempts: number;
  readonly initialIntervalMs: number;
}

export interface NotificationDeliveryInput {
  readonly deliveryId: string;
  readonly retry: DeliveryRetry;
}

export interface NotificationDigestInput {
  readonly digestId: string;
  /** When the digest is sent (ISO-8601): the end of its gathering period. */
  readonly sendAt: string;
  readonly retry: DeliveryRetry;
}

export type DeliveryOutcome = 'delivered' | 'parked';

export interface NotificationActivities {
  /** Sends one delivery (mail or webhook) with its idempotency key and records it delivered; throws to be retried. */
  deliverNotification(deliveryId: string): Promise<void>;
  /** Records that a delivery failed every attempt: parked for an administrator, never dropped. */
  parkDelivery(deliveryId: string, error: string): Promise<void>;
  /** Sends a digest's notifications as one mail and records them delivered; throws to be retried. */
  sendDigest(digestId: string): Promise<void>;
  parkDigest(digestId: string, error: string): Promise<void>;
}
