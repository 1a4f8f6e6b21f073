import { grievance, procurementCase, upcastEvent, currentSchemaVersion, type ProcurementCaseEvent } from '../src';
import { DeciderSpecification } from './decider-specification';
import {
  awarded,
  caseCommand,
  caseId,
  evaluated,
  grievanceCommand,
  inEvaluation,
  runOn,
  signContract,
} from './fixtures';

// Effective dates: facts from outside carry when they happened; legal periods run from that date.
const spec = DeciderSpecification(procurementCase);

// The fixtures' bid deadline is day(30), 4 February 2026 09:00 UTC.
const award = (now: string, occurredAt?: string) =>
  caseCommand(
    'DecideAward',
    {
      caseId,
      bidId: 'bid-a',
      noticeMeans: 'electronic',
      reasons: 'most economically advantageous tender',
      ...(occurredAt ? { occurredAt } : {}),
    },
    { now, actorId: 'anna' },
  );
const complain = (now: string, occurredAt?: string) =>
  caseCommand(
    'SubmitComplaint',
    { caseId, complaintId: 'c-1', complainant: 'bid-b', grounds: 'scores', ...(occurredAt ? { occurredAt } : {}) },
    { now },
  );

describe('the award decision’s effective date (the day it was sent)', () => {
  it('recorded on Monday 28 December 2026 for a notice e-mailed on Tuesday 22 December: backdated, and the standstill runs from the 22nd', () =>
    spec
      .given(evaluated())
      .when(award('2026-12-28T08:30:00.000Z', '2026-12-22T16:00:00+01:00'))
      .thenEmits((events) =>
        expect(events[0].data).toMatchObject({
          notifiedAt: '2026-12-28T08:30:00.000Z',
          occurredAt: '2026-12-22T15:00:00.000Z',
          backdating: { recordedBy: 'anna', recordedAt: '2026-12-28T08:30:00.000Z', backBy: 'P5DT17H30M' },
          standstillEndsAt: '2027-01-04T22:59:59.999Z',
        }),
      ));

  it('without an effective date it took effect when recorded, and nothing is backdated', () =>
    spec
      .given(evaluated())
      .when(award('2026-12-22T15:00:00.000Z'))
      .thenEmits((events) => {
        expect(events[0].data).toMatchObject({ occurredAt: '2026-12-22T15:00:00.000Z' });
        expect(events[0].data).not.toHaveProperty('backdating');
      }));

  it('a few minutes of clock skew is neither future nor backdating', () => {
    spec
      .given(evaluated())
      .when(award('2026-12-22T15:00:00.000Z', '2026-12-22T15:04:00.000Z'))
      .thenEmits((events) => expect(events[0].data).not.toHaveProperty('backdating'));
    spec
      .given(evaluated())
      .when(award('2026-12-22T15:00:00.000Z', '2026-12-22T14:56:00.000Z'))
      .thenEmits((events) => expect(events[0].data).not.toHaveProperty('backdating'));
  });

  it('is refused in the future beyond the skew', () =>
    spec
      .given(evaluated())
      .when(award('2026-12-22T15:00:00.000Z', '2026-12-22T15:06:00.000Z'))
      .thenFails('effective_date.in_future', (error) =>
        expect(error.details).toEqual({
          occurredAt: '2026-12-22T15:06:00.000Z',
          recordedAt: '2026-12-22T15:00:00.000Z',
        }),
      ));

  it('is refused before the bid deadline: no award can have been sent before bidding closed', () =>
    spec
      .given(evaluated())
      .when(award('2026-12-22T15:00:00.000Z', '2026-02-04T08:59:00.000Z'))
      .thenFails('effective_date.too_early', (error) =>
        expect(error.details).toMatchObject({ notBefore: '2026-02-04T09:00:00.000Z', belongsTo: 'the bid deadline' }),
      ));
});

describe('a complaint’s effective date (the day it was received)', () => {
  // The fixtures' award was sent on day(40), 14 February 2026 09:00 UTC.
  it('is recorded as backdated', () =>
    spec
      .given(awarded())
      .when(complain('2026-02-18T09:00:00.000Z', '2026-02-16T13:00:00.000Z'))
      .thenEmits((events) =>
        expect(events[0].data).toMatchObject({
          submittedAt: '2026-02-18T09:00:00.000Z',
          occurredAt: '2026-02-16T13:00:00.000Z',
          backdating: { backBy: 'P1DT20H0M' },
        }),
      ));

  it('cannot predate the award decision it answers', () =>
    spec
      .given(awarded())
      .when(complain('2026-02-18T09:00:00.000Z', '2026-02-14T08:00:00.000Z'))
      .thenFails('effective_date.too_early'));

  it('in evaluation only the future is refused', () => {
    spec
      .given(inEvaluation())
      .when(complain('2026-02-10T09:00:00.000Z', '2026-02-11T09:00:00.000Z'))
      .thenFails('effective_date.in_future');
    spec
      .given(inEvaluation())
      .when(complain('2026-02-10T09:00:00.000Z', '2026-01-20T09:00:00.000Z'))
      .thenEmits((events) => expect(events[0].data).toMatchObject({ occurredAt: '2026-01-20T09:00:00.000Z' }));
  });

  it('a complaint received during the standstill but recorded after it still holds signature', () =>
    spec
      .given(runOn(awarded(), [complain('2026-02-26T09:00:00.000Z', '2026-02-20T09:00:00.000Z')]))
      .when(signContract('2026-02-26T10:00:00.000Z'))
      .thenFails('standstill.complaint_pending'));
});

describe('a grievance’s effective date (when the worker raised it)', () => {
  const grievanceSpec = DeciderSpecification(grievance);
  const submit = (now: string, anonymous: boolean, occurredAt?: string) =>
    grievanceCommand(
      'SubmitGrievance',
      {
        grievanceId: 'g-1',
        factoryId: 'factory-1',
        channel: 'hotline',
        anonymous,
        ...(anonymous ? {} : { complainant: { name: 'Li Wei', contact: 'via the union' } }),
        allegation: 'unpaid overtime',
        workersConcerned: 12,
        severity: 'medium',
        acknowledgeWithinDays: 5,
        ...(occurredAt ? { occurredAt } : {}),
      },
      { role: 'monitor', actorId: 'monitor-7', now },
    );

  it('raised on Monday 21 December 2026, recorded on the 28th: acknowledgement was due by the end of Monday the 28th (Saturday the 26th moved past Sunday)', () =>
    grievanceSpec
      .given([])
      .when(submit('2026-12-28T09:00:00.000Z', false, '2026-12-21T17:00:00.000Z'))
      .thenEmits(([event]) =>
        expect(event.data).toMatchObject({
          occurredAt: '2026-12-21T17:00:00.000Z',
          acknowledgeBy: '2026-12-28T22:59:59.999Z',
          backdating: { recordedBy: 'monitor-7', backBy: 'P6DT16H0M' },
        }),
      ));

  it('backdating an anonymous grievance names nobody', () =>
    grievanceSpec
      .given([])
      .when(submit('2026-12-28T09:00:00.000Z', true, '2026-12-21T17:00:00.000Z'))
      .thenEmits(([event]) => {
        expect(event.data).toMatchObject({ backdating: { recordedBy: 'anonymous' } });
        expect(JSON.stringify(event.data)).not.toContain('monitor-7');
      }));

  it('is refused in the future', () =>
    grievanceSpec
      .given([])
      .when(submit('2026-12-28T09:00:00.000Z', true, '2026-12-29T09:00:00.000Z'))
      .thenFails('effective_date.in_future'));
});

describe('old events without an effective date (schema version 1)', () => {
  it('AwardDecided, ComplaintSubmitted and GrievanceSubmitted are at version 2', () => {
    expect(currentSchemaVersion('AwardDecided')).toBe(2);
    expect(currentSchemaVersion('ComplaintSubmitted')).toBe(2);
    expect(currentSchemaVersion('GrievanceSubmitted')).toBe(2);
  });

  it('are read as having happened when they were recorded', () => {
    const [v2] = runOn(evaluated(), [award('2026-12-22T15:00:00.000Z')]) as ProcurementCaseEvent[];
    const { occurredAt: _occurredAt, ...v1 } = v2.data as { occurredAt: string };
    expect(upcastEvent({ type: 'AwardDecided', data: v1, schemaVersion: 1 }).data).toEqual(v2.data);
    const complaint = {
      caseId,
      complaintId: 'c-1',
      complainant: 'bid-b',
      grounds: 'scores',
      submittedAt: '2015-01-10T00:00:00.000Z',
    };
    expect(upcastEvent({ type: 'ComplaintSubmitted', data: complaint, schemaVersion: 1 }).data).toEqual({
      ...complaint,
      occurredAt: '2015-01-10T00:00:00.000Z',
    });
  });
});
