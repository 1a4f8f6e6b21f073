import { ServiceUnavailableException } from '@nestjs/common';
import type { Client } from '@temporalio/client';

/** The injected client, or 503 when this API runs without Temporal. */
export function requireTemporal(client: Client | undefined): Client {
  if (!client) throw new ServiceUnavailableException('workflows are not available: this API runs without Temporal');
  return client;
}
