import type { SqlQueryable } from '@pj/event-store';
import type { Caller } from '../auth/roles';
import { NotFoundError } from '../errors/request-errors';
import { caseList } from './case.views';
import { findInList } from './lists/run-list';

/**
 * That the caller may see the case: one the case list shows it (its organisation's; for a supplier,
 * an open tender or a case it bid on or holds). Anything else answers exactly like a missing case
 * (404), so ids reveal nothing.
 */
export async function assertCaseInSight(db: SqlQueryable, caseId: string, caller: Caller): Promise<void> {
  if (!(await findInList(db, caseList, caseId, caller))) throw new NotFoundError('case', caseId);
}
