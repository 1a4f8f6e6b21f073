import { InvalidEventStoreInputError } from './errors';
import type { EventToAppend, ExpectedRevision, ReadStreamOptions } from './event-store';

// Checks shared by every adapter, run before anything is sent, so bad input is rejected the same
// way everywhere and writes nothing.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STREAM_ID_LENGTH = 512;

function fail(field: string, reason: string): never {
  throw new InvalidEventStoreInputError(field, reason);
}

function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') fail(field, 'must be a non-empty string');
  if (value.includes('\u0000')) fail(field, 'must not contain the NUL character');
}

export function validateStreamId(streamId: unknown): void {
  requireText(streamId, 'streamId');
  if ((streamId as string).length > MAX_STREAM_ID_LENGTH)
    fail('streamId', `must be at most ${MAX_STREAM_ID_LENGTH} characters`);
  if ((streamId as string).startsWith('$')) fail('streamId', 'must not start with "$" (reserved for system streams)');
}

export function validateExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected))
    fail('expectedRevision', 'must be "any", "no_stream", "stream_exists" or a revision number');
  if (expected < 0) fail('expectedRevision', 'a revision cannot be negative (use "no_stream" for a new stream)');
}

/**
 * JSON.stringify silently drops functions, turns NaN into null and Dates into strings: data would
 * come back different from what was appended. Only plain JSON values are accepted.
 */
function assertPlainJson(value: unknown, path: string, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(path, `is ${value}, which JSON cannot represent`);
      return;
    case 'object': {
      if (value === null) return;
      if (seen.has(value)) fail(path, 'contains a circular reference');
      seen.add(value);
      if (Array.isArray(value)) {
        value.forEach((item, index) => {
          if (item === undefined) fail(`${path}[${index}]`, 'is undefined, which JSON cannot represent');
          assertPlainJson(item, `${path}[${index}]`, seen);
        });
      } else {
        const prototype = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null)
          fail(path, `is a ${value.constructor?.name ?? 'non-plain object'}, not a plain JSON object`);
        for (const [key, item] of Object.entries(value)) {
          if (item !== undefined) assertPlainJson(item, `${path}.${key}`, seen);
        }
      }
      seen.delete(value);
      return;
    }
    default:
      fail(path, `is a ${typeof value}, which is not JSON-serialisable`);
  }
}

export function validateEvents(events: readonly EventToAppend[]): void {
  if (!Array.isArray(events) || events.length === 0) fail('events', 'must be a non-empty array');
  const ids = new Set<string>();
  events.forEach((event, index) => {
    const at = `events[${index}]`;
    if (typeof event !== 'object' || event === null) fail(at, 'must be an object');
    requireText(event.type, `${at}.type`);
    if (event.data === undefined) fail(`${at}.data`, 'is required');
    assertPlainJson(event.data, `${at}.data`, new Set());
    const metadata = event.metadata;
    if (typeof metadata !== 'object' || metadata === null) fail(`${at}.metadata`, 'is required');
    if (typeof metadata.eventId !== 'string' || !UUID.test(metadata.eventId))
      fail(`${at}.metadata.eventId`, 'must be a UUID');
    if (ids.has(metadata.eventId.toLowerCase())) fail(`${at}.metadata.eventId`, 'appears twice in the batch');
    ids.add(metadata.eventId.toLowerCase());
    for (const field of ['commandId', 'correlationId', 'causationId', 'organisationId'] as const)
      requireText(metadata[field], `${at}.metadata.${field}`);
    if (typeof metadata.actor !== 'object' || metadata.actor === null) fail(`${at}.metadata.actor`, 'is required');
    requireText(metadata.actor.id, `${at}.metadata.actor.id`);
    requireText(metadata.actor.role, `${at}.metadata.actor.role`);
    if (typeof metadata.recordedAt !== 'string' || Number.isNaN(Date.parse(metadata.recordedAt)))
      fail(`${at}.metadata.recordedAt`, 'must be an ISO-8601 timestamp');
    if (!Number.isSafeInteger(metadata.schemaVersion) || metadata.schemaVersion < 1)
      fail(`${at}.metadata.schemaVersion`, 'must be a positive integer');
    assertPlainJson(metadata, `${at}.metadata`, new Set());
  });
}

export function validateAppend(streamId: string, events: readonly EventToAppend[], expected: unknown): void {
  validateStreamId(streamId);
  validateExpectedRevision(expected);
  validateEvents(events);
}

export function validateReadStream(streamId: string, options: ReadStreamOptions): void {
  validateStreamId(streamId);
  const { fromRevision, maxCount } = options;
  if (fromRevision !== undefined && (!Number.isSafeInteger(fromRevision) || fromRevision < 0))
    fail('fromRevision', 'must be a non-negative integer');
  if (maxCount !== undefined) validatePageSize(maxCount, 'maxCount');
}

export function validatePageSize(value: unknown, field: string): void {
  if (!Number.isSafeInteger(value) || (value as number) < 1) fail(field, 'must be a positive integer');
}
