import { proxyActivities, sleep } from '@temporalio/workflow';
import type {
  DeliveryOutcome,
  DeliveryRetry,
  NotificationActivities,
  NotificationDeliveryInput,
  NotificationDigestInput,
} from '@pj/contracts';

/** Exponential backoff from the configured first wait, doubling, at most ten minutes apart, then parked. */
const sending = (retry: DeliveryRetry) =>
  proxyActivities<NotificationActivities>({
    // A worker that died mid-send is noticed after this long; the send is then tried again (same key).
    startToCloseTimeout: '30 seconds',
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      maximumAttempts: retry.maximumAttempts,
    },
  });

/** Recording a parked delivery only touches our own database: retried until it lands. */
const { parkDelivery, parkDigest } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

const reasonOf = (error: unknown): string => {
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
};

/**
 * One message of the outbox (a mail or a webhook call). A crash between sending and recording
 * sends at most once more, with the same idempotency key; a message that keeps failing is parked.
 */
export async function notificationDeliveryWorkflow(input: NotificationDeliveryInput): Promise<DeliveryOutcome> {
  try {
    await sending(input.retry).deliverNotification(input.deliveryId);
    return 'delivered';
  } catch (error) {
    await parkDelivery(input.deliveryId, reasonOf(error));
    return 'parked';
  }
}

/** A person's digest: waits until its gathering period ends, then sends everything gathered as one mail. */
export async function notificationDigestWorkflow(input: NotificationDigestInput): Promise<DeliveryOutcome> {
  const wait = Date.parse(input.sendAt) - Date.now();
  if (wait > 0) await sleep(wait);
  try {
    await sending(input.retry).sendDigest(input.digestId);
    return 'delivered';
  } catch (error) {
    await parkDigest(input.digestId, reasonOf(error));
    return 'parked';
  }
}
