import { Inject, Injectable } from '@nestjs/common';
import type { SqlDriver } from '@pj/event-store';
import { recordPerson, type Person } from '@pj/notifications';
import { READ_MODELS } from '../infrastructure/tokens';

/** People whose claims this process has recorded, by organisation and sub; beyond it, one more write is harmless. */
const REMEMBERED = 10_000;

/**
 * The directory of people notifications are resolved from: everyone who made an authenticated
 * request, with the claims their token carries. Written on a person's first request and when a
 * claim changes; this process remembers what it wrote, so other requests cost nothing.
 */
@Injectable()
export class PeopleDirectory {
  private readonly recorded = new Map<string, string>();

  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async remember(person: Person): Promise<void> {
    const key = `${person.organisationId}\u0000${person.personId}`;
    const claims = JSON.stringify([person.role, person.name, person.email, person.locale, person.supplierId]);
    if (this.recorded.get(key) === claims) return;
    await recordPerson(this.db, person);
    if (this.recorded.size >= REMEMBERED) this.recorded.clear();
    this.recorded.set(key, claims);
  }
}
