import type { RuleCode } from './unions';
import type { CommandMetadata } from './decider';
import { DomainError } from './domain-error';

/**
 * Roles the domain knows. `workflow` is a durable workflow acting on a person's standing decision;
 * `worker` is a worker filing a grievance on the public page, signed in as nobody.
 */
export type Role =
  'contract_manager' | 'compliance_officer' | 'auditor' | 'supplier' | 'monitor' | 'workflow' | 'worker';

/** Auditors read everything and change nothing; every decider refuses their commands first. */
export function refuseReadOnlyActor(metadata: CommandMetadata): DomainError | undefined {
  return metadata.actor.role === 'auditor'
    ? new DomainError('actor.read_only', 'auditors read the record and cannot change it', {
        actorId: metadata.actor.id,
      })
    : undefined;
}

export function requireRole(
  metadata: CommandMetadata,
  roles: readonly Role[],
  code: RuleCode,
): DomainError | undefined {
  return roles.includes(metadata.actor.role as Role)
    ? undefined
    : new DomainError(code, `only ${roles.join(' or ')} may do this; actor has role ${metadata.actor.role}`, {
        actorId: metadata.actor.id,
        role: metadata.actor.role,
      });
}

export const isBlank = (text: string | undefined): boolean => text === undefined || text.trim().length === 0;

/** More people than work in any one factory: a bound that keeps counts meaningful (and storable). */
export const MOST_PEOPLE = 10_000_000;

/** A number of people (workers affected, concerned, covered, employed): a whole number, at least `least`. */
export const isHeadcount = (count: number, least = 0): boolean =>
  Number.isInteger(count) && count >= least && count <= MOST_PEOPLE;
