import { NotFoundException } from '@nestjs/common';
import type { SqlQueryable } from '@pj/event-store';
import type { Caller } from '../auth/roles';
import { partyScope } from './lists/run-list';
import type { Bind } from './lists/list-spec';
import { caseList } from './case.views';

/**
 * Whether the caller may see the case: one of its organisation's, and for a supplier one the case
 * list shows it. Anything else answers exactly like a missing case (404), so ids reveal nothing.
 */
export async function assertCaseInSight(db: SqlQueryable, caseId: string, caller: Caller): Promise<void> {
  const values: unknown[] = [caller.organisationId, caseId];
  const bind: Bind = (value) => {
    values.push(value);
    return `$${values.length}`;
  };
  const [seen] = await db.query(
    `SELECT 1 FROM rm_cases WHERE organisation_id = $1 AND case_id = $2 AND ${partyScope(caseList, caller, bind).join(' AND ') || 'TRUE'}`,
    values,
  );
  if (!seen) throw new NotFoundException(`case ${caseId} not found`);
}
