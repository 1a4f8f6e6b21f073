import { addCalendarDays, procurementCase } from '../src';
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

describe('legal standstill period', () => {
  it('runs 10 calendar days after electronic notice', () =>
    spec
      .given(evaluated())
      .when(awardTo('bid-a', day(40), 'electronic'))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({
          type: 'AwardDecided',
          data: { standstillEndsAt: addCalendarDays(day(40), 10) },
        }),
      ));

  it('runs 15 calendar days after notice by other means', () =>
    spec
      .given(evaluated())
      .when(awardTo('bid-a', day(40), 'other'))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({ data: { standstillEndsAt: addCalendarDays(day(40), 15) } }),
      ));

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
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({ data: { standstillEndsAt: addCalendarDays(day(40), 21) } }),
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

  it('no signature before it has ended', () =>
    spec
      .given(awarded())
      .when(signContract(addCalendarDays(day(50), -0.001)))
      .thenFails('standstill.not_ended'));

  it('signature once it has ended', () =>
    spec
      .given(awarded())
      .when(signContract(day(50)))
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
      .when(awardTo('bid-b', day(47)))
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({ data: { bidId: 'bid-b', standstillEndsAt: addCalendarDays(day(47), 10) } }),
      ));

  it('complaints can be lodged during evaluation too', () =>
    spec
      .given(inEvaluation())
      .when(complain('complaint-1', day(33)))
      .thenEmits((events) => expect(events[0].type).toBe('ComplaintSubmitted')));
});
