import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KnownError, type ErrorKind } from '@pj/domain';
import type { SqlDriver } from '@pj/event-store';
import { READ_MODELS } from '../infrastructure/tokens';
import { iso } from '../read-models/lists/list-spec';
import type { GrievanceReceiptStatusView } from './public-grievances.dto';
import { normaliseReceiptCode, receiptDigest } from './receipt-code';

/** No grievance has this code; the answer does not repeat the code (it is a secret). */
export class ReceiptNotFoundError extends KnownError {
  readonly kind: ErrorKind = 'not_found';
  constructor() {
    super('grievance_receipt.not_found', 'no grievance has this receipt code; check it and try again');
  }
}

/** A grievance's status by its receipt code (the worker's read, without identity). */
export class GrievanceReceiptStatusQuery extends Query<GrievanceReceiptStatusView> {
  constructor(readonly receiptCode: string) {
    super();
  }
}

@QueryHandler(GrievanceReceiptStatusQuery)
export class GrievanceReceiptStatusHandler implements IQueryHandler<GrievanceReceiptStatusQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ receiptCode }: GrievanceReceiptStatusQuery): Promise<GrievanceReceiptStatusView> {
    const code = normaliseReceiptCode(receiptCode);
    if (!code) throw new ReceiptNotFoundError();
    type Row = {
      status: string;
      submitted_at: Date;
      acknowledge_by: Date;
      acknowledged_at: Date | null;
      closed_at: Date | null;
    };
    const [row] = await this.db.query<Row>(
      `SELECT status, submitted_at, acknowledge_by, acknowledged_at, closed_at
         FROM rm_grievances WHERE receipt_digest = $1`,
      [receiptDigest(code)],
    );
    if (!row) throw new ReceiptNotFoundError();
    return {
      status: row.status,
      submittedAt: iso(row.submitted_at)!,
      acknowledgeBy: iso(row.acknowledge_by)!,
      acknowledgedAt: iso(row.acknowledged_at),
      closedAt: iso(row.closed_at),
    };
  }
}
