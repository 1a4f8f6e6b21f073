import { procurementCase } from '../src';
import { DeciderSpecification } from './decider-specification';
import {
  awardTo,
  awarded,
  caseCommand,
  caseId,
  day,
  evaluate,
  evaluated,
  inEvaluation,
  publish,
  runOn,
  signContract,
  tenderData,
  open,
  screen,
  adoptPolicy,
  bid,
  closeBidding,
} from './fixtures';
import { history } from './decider-specification';

// Rule 3: no signature before the legal standstill ends or while a complaint is pending.
const spec = DeciderSpecification(procurementCase);

const complain = (complaintId = 'complaint-1', now = day(42)) =>
  caseCommand(
    'SubmitComplaint',
    { caseId, complaintId, complainant: 'supplier-bid-b', grounds: 'social criterion misapplied' },
    { now, role: 'supplier' },
  );
const acceptComplaint = (now = day(43)) =>
  caseCommand('AcceptComplaint', { caseId, complaintId: 'complaint-1' }, { now });
const dismiss = (now = day(44)) =>
  caseCommand('DismissComplaint', { caseId, complaintId: 'complaint-1', reasons: 'no error found' }, { now });
const withdraw = (now = day(44)) =>
  caseCommand('WithdrawComplaint', { caseId, complaintId: 'complaint-1' }, { now, role: 'supplier' });
const uphold = (cancelAward = true, now = day(45)) =>
  caseCommand(
    'UpholdComplaint',
    { caseId, complaintId: 'complaint-1', reasons: 'social scores swapped', cancelAward },
    { now },
  );

describe('legal standstill period (Directive 2007/66 Art. 2a(2), counted per Regulation 1182/71)', () => {
  // The fixtures' buyer counts in Stockholm with Swedish holidays; day(40) is Saturday 14 February 2026.
  it('runs 10 calendar days from the day after electronic notice, to the end of the last local day', () =>
    spec
      .given(evaluated())
      .when(awardTo('bid-a', day(40), 'electronic'))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({
          type: 'AwardDecided',
          data: {
            occurredAt: day(40),
            standstillEndsAt: '2026-02-24T22:59:59.999Z',
            standstillPeriod: {
              timeZone: 'Europe/Stockholm',
              firstDay: '2026-02-15',
              lastDay: '2026-02-24',
              endsAtLocal: '2026-02-24T23:59:59.999+01:00',
            },
          },
        }),
      ));

  it('runs 15 calendar days after notice by other means; a last day on Sunday 1 March moves to Monday', () =>
    spec
      .given(evaluated())
      .when(awardTo('bid-a', day(40), 'other'))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({
          data: { standstillEndsAt: '2026-03-02T22:59:59.999Z', standstillPeriod: { lastDay: '2026-03-02' } },
        }),
      ));

  it('a notice sent in Sweden on 22 December 2026: the 10th day is New Year’s Day, so signature waits until after Monday 4 January', () => {
    const given = runOn(evaluated(), []);
    const sentBeforeChristmas = caseCommand(
      'DecideAward',
      { caseId, bidId: 'bid-a', noticeMeans: 'electronic', reasons: 'best value' },
      { now: '2026-12-22T15:00:00.000Z' },
    );
    spec
      .given(given)
      .when(sentBeforeChristmas)
      .thenEmits((events) =>
        expect(events[0].data).toMatchObject({
          standstillEndsAt: '2027-01-04T22:59:59.999Z',
          standstillPeriod: {
            firstDay: '2026-12-23',
            lastDay: '2027-01-04',
            endsAtLocal: '2027-01-04T23:59:59.999+01:00',
          },
        }),
      );
    const awardedAtChristmas = runOn(given, [sentBeforeChristmas]);
    spec
      .given(awardedAtChristmas)
      .when(signContract('2027-01-04T22:59:59.999Z'))
      .thenFails('standstill.not_ended', (error) =>
        expect(error.details).toEqual({
          standstillEndsAt: '2027-01-04T22:59:59.999Z',
          standstillEndsAtLocal: '2027-01-04T23:59:59.999+01:00',
        }),
      );
    spec
      .given(awardedAtChristmas)
      .when(signContract('2027-01-04T23:00:00.000Z'))
      .thenEmits((events) => expect(events[0].type).toBe('ContractSigned'));
  });

  it('takes its periods from the tender, per jurisdiction', () => {
    const tender = history(procurementCase, [
      open(),
      screen(),
      adoptPolicy(),
      caseCommand(
        'PublishTenderRequirements',
        tenderData({ legalStandstill: { electronicNoticeDays: 7, otherNoticeDays: 21 } }),
        {
          now: day(1),
        },
      ),
    ]);
    const given = runOn(tender, [bid('bid-a'), closeBidding(), evaluate('bid-a', 80)]);
    spec
      .given(given)
      .when(awardTo('bid-a', day(40), 'other'))
      // 21 days end on Saturday 7 March: Monday 9 March.
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({ data: { standstillEndsAt: '2026-03-09T22:59:59.999Z' } }),
      );
  });

  it('counts in seconds when the tender says so (rehearsals and end-to-end runs on a real clock)', () => {
    const tender = history(procurementCase, [
      open(),
      screen(),
      adoptPolicy(),
      caseCommand(
        'PublishTenderRequirements',
        tenderData({ legalStandstill: { electronicNoticeDays: 5, otherNoticeDays: 9, periodUnit: 'seconds' } }),
        { now: day(1) },
      ),
    ]);
    const given = runOn(tender, [bid('bid-a'), closeBidding(), evaluate('bid-a', 80)]);
    spec
      .given(given)
      .when(awardTo('bid-a', day(40), 'electronic'))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({
          data: { standstillEndsAt: new Date(Date.parse(day(40)) + 5_000).toISOString() },
        }),
      );
  });

  it('refuses a tender without valid periods', () =>
    spec
      .given(history(procurementCase, [open(), screen(), adoptPolicy()]))
      .when(publish({ legalStandstill: { electronicNoticeDays: 0, otherNoticeDays: 15 } }))
      .thenFails('tender.standstill_period_invalid'));

  it('no signature until its last day has ended, in the buyer’s time', () =>
    spec.given(awarded()).when(signContract('2026-02-24T22:59:59.999Z')).thenFails('standstill.not_ended'));

  it('signature from the first instant after it has ended', () =>
    spec
      .given(awarded())
      .when(signContract('2026-02-24T23:00:00.000Z'))
      .thenEmits((events) => expect(events[0].type).toBe('ContractSigned')));
});

describe('complaints', () => {
  it('a submitted complaint blocks signature', () =>
    spec
      .given(runOn(awarded(), [complain()]))
      .when(signContract())
      .thenFails('standstill.complaint_pending'));

  it('an accepted complaint blocks signature', () =>
    spec
      .given(runOn(awarded(), [complain(), acceptComplaint()]))
      .when(signContract())
      .thenFails('standstill.complaint_pending'));

  it('a dismissed complaint no longer blocks', () =>
    spec
      .given(runOn(awarded(), [complain(), acceptComplaint(), dismiss()]))
      .when(signContract())
      .thenEmits((events) => expect(events[0].type).toBe('ContractSigned')));

  it('a withdrawn complaint no longer blocks', () =>
    spec
      .given(runOn(awarded(), [complain(), withdraw()]))
      .when(signContract())
      .thenEmits((events) => expect(events[0].type).toBe('ContractSigned')));

  it('a complaint must be accepted before it is upheld', () =>
    spec
      .given(runOn(awarded(), [complain()]))
      .when(uphold())
      .thenFails('complaint.invalid_transition'));

  it('a withdrawn complaint cannot be dismissed', () =>
    spec
      .given(runOn(awarded(), [complain(), withdraw()]))
      .when(dismiss())
      .thenFails('complaint.invalid_transition'));

  it('an upheld complaint can cancel the award and send the case back to evaluation', () =>
    spec
      .given(runOn(awarded(), [complain(), acceptComplaint()]))
      .when(uphold(true))
      .thenEmits((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['ComplaintUpheld', 'AwardCancelled']);
        expect(state.status).toBe('evaluation');
      }));

  it('after a cancelled award nothing can be signed', () =>
    spec
      .given(runOn(awarded(), [complain(), acceptComplaint(), uphold(true)]))
      .when(signContract())
      .thenFails('case.wrong_phase'));

  it('a new award after re-evaluation starts a new standstill', () =>
    spec
      .given(
        runOn(awarded(), [
          complain(),
          acceptComplaint(),
          uphold(true),
          evaluate('bid-a', 50, 70, 70, day(46)),
          evaluate('bid-b', 90, 70, 70, day(46)),
        ]),
      )
      // Saturday 21 February 2026: 10 days end on Tuesday 3 March.
      .when(awardTo('bid-b', day(47)))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({ data: { bidId: 'bid-b', standstillEndsAt: '2026-03-03T22:59:59.999Z' } }),
      ));

  it('complaints can be lodged during evaluation too', () =>
    spec
      .given(inEvaluation())
      .when(complain('complaint-1', day(33)))
      .thenEmits((events) => expect(events[0].type).toBe('ComplaintSubmitted')));
});
