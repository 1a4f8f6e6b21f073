import { Logger, type ArgumentsHost } from '@nestjs/common';
import { aggregates, executeCommand } from '@pj/application';
import { PgliteDriver, SqlEventStore, StoreUnavailableError, WrongExpectedRevisionError } from '@pj/event-store';
import { seedFactory } from '../../../../test/support/seed-journey';
import { ProblemDetailsFilter, type ProblemDetails } from './problem-details.filter';
import { InvalidInputError } from './request-errors';

const ORG = 'stockholm-county-council';
const NOW = '2026-03-02T09:00:00.000Z';
const metadata = (commandId: string) => ({
  commandId,
  now: NOW,
  actor: { id: 'm', role: 'monitor' },
  organisationId: ORG,
  calendar: { timeZone: 'UTC' },
});

/** What the filter answers for `error`, and what it logged. */
function answer(error: unknown): { status: number; headers: Record<string, string>; problem: ProblemDetails } {
  const headers: Record<string, string> = {};
  let status = 0;
  let problem: ProblemDetails | undefined;
  const response = {
    getHeader: (name: string) => headers[name.toLowerCase()],
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    status(code: number) {
      status = code;
      return this;
    },
    type() {
      return this;
    },
    json(body: ProblemDetails) {
      problem = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(error, host);
  return { status, headers, problem: problem! };
}

describe('ProblemDetailsFilter', () => {
  let store: SqlEventStore;
  beforeAll(async () => {
    store = await SqlEventStore.open(await PgliteDriver.open());
  });
  afterAll(() => store.close());

  it('answers a stored event it cannot read with 500 and logs its stream and revision, not a rule', async () => {
    const grievanceId = 'grievance-unreadable';
    await seedFactory(store, 'factory-big', ORG);
    await executeCommand(store, 'grievance', grievanceId, {
      type: 'SubmitGrievance',
      data: {
        grievanceId,
        factoryId: 'factory-big',
        channel: 'worker_organisation',
        anonymous: true,
        allegation: 'unpaid overtime',
        workersConcerned: 5,
        severity: 'medium',
        acknowledgeWithinDays: 5,
      },
      metadata: metadata('submit'),
    });
    // An event written by a newer version of the code (or a broken migration): version 99.
    const streamId = aggregates.grievance.streamId(ORG, grievanceId);
    const [submitted] = await store.readStream(streamId);
    await store.appendToStream(
      streamId,
      [
        {
          type: 'GrievanceAcknowledged',
          data: { grievanceId, message: 'seen' },
          metadata: { ...submitted.metadata, eventId: '6f0c3c1e-6a43-4b0e-9d4c-6d1b8f1f2a99', schemaVersion: 99 },
        },
      ],
      { expectedRevision: 0 },
    );
    const failure = await executeCommand(store, 'grievance', grievanceId, {
      type: 'AcknowledgeGrievance',
      data: { grievanceId, message: 'again' },
      metadata: metadata('acknowledge'),
    }).catch((error: unknown) => error);

    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const { status, problem } = answer(failure);
      expect(status).toBe(500);
      expect(problem).toMatchObject({ type: 'urn:procurement-journey:internal', status: 500 });
      expect(problem).not.toHaveProperty('code');
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0][0])).toContain(`revision 1 of stream ${JSON.stringify(streamId)}`);
    } finally {
      logged.mockRestore();
    }
  });

  it('answers each kind of the hierarchy with its status and problem', () => {
    expect(answer(new WrongExpectedRevisionError('s', 2, 3)).problem).toEqual({
      type: 'urn:procurement-journey:conflict:wrong_expected_revision',
      title: 'Concurrent change',
      status: 409,
      detail: 'stream "s" is at revision 3, expected 2',
      code: 'wrong_expected_revision',
    });
    const unavailable = answer(new StoreUnavailableError(new Error('connection terminated')));
    expect(unavailable.headers['retry-after']).toBe('5');
    expect(unavailable.problem).toEqual({
      type: 'urn:procurement-journey:unavailable:event-store',
      title: 'Service unavailable',
      status: 503,
      detail: 'the database is unavailable; retry with the same Idempotency-Key',
      code: 'store_unavailable',
    });
    expect(
      answer(new InvalidInputError('If-Match must be a number', [{ field: 'If-Match', reason: 'nope' }])).problem,
    ).toEqual({
      type: 'urn:procurement-journey:invalid-input',
      title: 'Invalid input',
      status: 400,
      detail: 'If-Match must be a number',
      errors: [{ field: 'If-Match', reason: 'nope' }],
    });
  });
});
