import { createHash, randomUUID } from 'node:crypto';
import type { CommandMetadata } from '@pj/domain';
import type { Caller } from '../auth/roles';
import { InvalidInputError } from '../errors/request-errors';
import type { CommandSetting } from './command-clock.interceptor';

/**
 * The command id of a caller's key: the organisation, then a hash of whose key it is (the person,
 * `sub`, and for a supplier the supplier they answer for) with the key. No choice of ids and key
 * can spell another caller's command id, and the id names nobody: command, correlation and
 * causation ids are stored with every event, also of an anonymous grievance, where nothing may
 * point at the person who took it in. Hashed with the key, so one person's commands cannot be
 * linked through their ids either.
 */
function scopedCommandId(caller: Caller, key: string): string {
  const whose = JSON.stringify([caller.id, caller.supplierId ?? null, key]);
  return `${encodeURIComponent(caller.organisationId)}:${createHash('sha256').update(whose).digest('hex').slice(0, 32)}`;
}

/**
 * Metadata of a command from an HTTP request. The command id comes from the Idempotency-Key
 * header or the body's commandId, scoped to the caller (a retry with either returns the first
 * result of the same request, see handleCommand's requestFingerprint), else a new one.
 */
export function commandMetadataFrom(
  caller: Caller,
  setting: CommandSetting,
  idempotencyKey?: string,
  bodyCommandId?: string,
): CommandMetadata {
  if (idempotencyKey !== undefined && bodyCommandId !== undefined && idempotencyKey !== bodyCommandId)
    throw new InvalidInputError('Idempotency-Key and commandId differ', [
      { field: 'commandId', reason: 'must equal the Idempotency-Key header when both are given' },
    ]);
  const commandId = idempotencyKey ?? bodyCommandId ?? randomUUID();
  if (commandId.length === 0 || commandId.length > 200)
    throw new InvalidInputError('Idempotency-Key must be 1 to 200 characters', [
      { field: 'Idempotency-Key', reason: 'must be 1 to 200 characters' },
    ]);
  return {
    // Scoped by caller: nobody's key can replay another buyer's, person's or supplier's command.
    commandId: scopedCommandId(caller, commandId),
    now: setting.now,
    actor: { id: caller.id, role: caller.role },
    organisationId: caller.organisationId,
    calendar: setting.calendar,
  };
}
