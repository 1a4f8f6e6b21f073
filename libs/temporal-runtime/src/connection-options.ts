import type { ConnectionOptions } from '@temporalio/client';

/**
 * Options of the engine's Temporal client connections. gRPC backs off reconnecting up to two
 * minutes by default, and fails calls at once meanwhile: after an outage Temporal would look down
 * long after it is back. A cap of 5 s keeps that to seconds.
 */
export function temporalConnectionOptions(address: string): ConnectionOptions {
  return {
    address,
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 5_000 },
  };
}
