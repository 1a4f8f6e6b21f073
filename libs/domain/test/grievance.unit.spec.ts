import { grievance } from '../src';
import { DeciderSpecification, history } from './decider-specification';
import { grievanceCommand } from './fixtures';

const spec = DeciderSpecification(grievance);
const grievanceId = 'grievance-1';
const submit = (anonymous: boolean, complainant?: { name: string; contact: string }) =>
  grievanceCommand(
    'SubmitGrievance',
    {
      grievanceId,
      factoryId: 'factory-big',
      channel: 'worker_organisation',
      anonymous,
      complainant,
      allegation: 'unpaid overtime',
      workersConcerned: 40,
      severity: 'medium',
      acknowledgeWithinDays: 7,
    },
    { role: 'monitor', actorId: 'monitor-7' },
  );
const protect = () =>
  grievanceCommand(
    'RecordRetaliationProtection',
    { grievanceId, measures: ['no dismissal during investigation'], protectedParties: 'complainant and witnesses' },
    { role: 'compliance_officer' },
  );
const refer = () =>
  grievanceCommand('ReferGrievanceToFinding', { grievanceId, findingId: 'finding-1' }, { role: 'compliance_officer' });

describe('grievances', () => {
  it('an anonymous grievance keeps no trace of who filed it', () =>
    spec
      .given([])
      .when(submit(true))
      .thenEmits((events) => {
        expect(events[0].data).not.toHaveProperty('receivedBy');
        expect(events[0].data).not.toHaveProperty('complainant');
      }));

  it('an anonymous grievance is recorded as taken in by a role, not by the person', () => {
    expect(grievance.recordedActor?.(submit(true))).toEqual({ id: 'anonymous', role: 'monitor' });
    expect(grievance.recordedActor?.(submit(false, { name: 'A. Worker', contact: '+880…' }))).toEqual({
      id: 'monitor-7',
      role: 'monitor',
    });
  });

  it('a grievance a worker filed on the public page carries the digest of its receipt code, and no one', () => {
    const receiptDigest = 'a'.repeat(64);
    const filed = grievanceCommand(
      'SubmitGrievance',
      { ...submit(true).data, channel: 'online_form', receiptDigest },
      { role: 'worker', actorId: 'anonymous' },
    );
    expect(grievance.recordedActor?.(filed)).toEqual({ id: 'anonymous', role: 'worker' });
    return spec
      .given([])
      .when(filed)
      .thenEmits((events) => {
        expect(events[0].data).toMatchObject({ receiptDigest, anonymous: true, channel: 'online_form' });
        expect(events[0].data).not.toHaveProperty('receivedBy');
      });
  });

  it('refuses a receipt digest that is not a SHA-256 in hex', () =>
    spec
      .given([])
      .when(grievanceCommand('SubmitGrievance', { ...submit(true).data, receiptDigest: 'the-code-itself' }))
      .thenFails('grievance.receipt_digest_invalid'));

  it('an anonymous grievance must not carry an identity', () =>
    spec
      .given([])
      .when(submit(true, { name: 'A. Worker', contact: '+880…' }))
      .thenFails('grievance.anonymous_with_identity'));

  it('a named grievance needs its complainant', () =>
    spec.given([]).when(submit(false)).thenFails('grievance.complainant_required'));

  it('is not investigated before protection against retaliation is recorded', () =>
    spec
      .given(history(grievance, [submit(true)]))
      .when(refer())
      .thenFails('grievance.retaliation_protection_missing'));

  it('is referred to a finding once workers are protected', () =>
    spec
      .given(history(grievance, [submit(true), protect()]))
      .when(refer())
      .thenEmits((events, state) => {
        expect(events[0]).toMatchObject({
          type: 'GrievanceReferredToFinding',
          data: { findingId: 'finding-1', factoryId: 'factory-big' },
        });
        expect(state.status).toBe('referred');
      }));

  it('a named complainant is informed before closing', () =>
    spec
      .given(history(grievance, [submit(false, { name: 'A. Worker', contact: 'via union' }), protect()]))
      .when(
        grievanceCommand('CloseGrievance', { grievanceId, resolution: 'overtime paid', complainantInformed: false }),
      )
      .thenFails('grievance.complainant_not_informed'));
});
