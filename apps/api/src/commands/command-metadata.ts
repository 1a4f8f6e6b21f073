import { BadRequestException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandMetadata } from '@pj/domain';
import type { Caller } from '../auth/roles';

/**
 * Whose key it is: the organisation, the person (`sub`) and, for a supplier, the supplier they
 * answer for. Encoded so that no choice of ids and key can spell another caller's command id.
 */
function keyScope(caller: Caller): string {
  const party = caller.supplierId !== undefined ? `@${encodeURIComponent(caller.supplierId)}` : '';
  return `${encodeURIComponent(caller.organisationId)}:${encodeURIComponent(caller.id)}${party}`;
}

/**
 * Metadata of a command from an HTTP request. The command id comes from the Idempotency-Key
 * header or the body's commandId, scoped to the caller (a retry with either returns the first
 * result of the same request, see handleCommand's requestFingerprint), else a new one.
 */
export function commandMetadataFrom(caller: Caller, idempotencyKey?: string, bodyCommandId?: string): CommandMetadata {
  if (idempotencyKey !== undefined && bodyCommandId !== undefined && idempotencyKey !== bodyCommandId)
    throw new BadRequestException({
      message: 'Idempotency-Key and commandId differ',
      errors: [{ field: 'commandId', reason: 'must equal the Idempotency-Key header when both are given' }],
    });
  const commandId = idempotencyKey ?? bodyCommandId ?? randomUUID();
  if (commandId.length === 0 || commandId.length > 200)
    throw new BadRequestException({
      message: 'Idempotency-Key must be 1 to 200 characters',
      errors: [{ field: 'Idempotency-Key', reason: 'must be 1 to 200 characters' }],
    });
  return {
    // Scoped by caller: nobody's key can replay another buyer's, person's or supplier's command.
    commandId: `${keyScope(caller)}:${commandId}`,
    now: new Date().toISOString(),
    actor: { id: caller.id, role: caller.role },
    organisationId: caller.organisationId,
  };
}
