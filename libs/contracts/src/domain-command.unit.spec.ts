import { decidedEvent, type CommandCall, type RecordedDecision } from './domain-command';

// Type-level checks, run by `tsc` (the @ts-expect-error lines must not compile); the runtime
// assertions only keep Jest honest about what was built.
describe('a command a workflow asks for', () => {
  const data = { findingId: 'f-1', result: 'none', assessment: 'nothing done', actionsCompleted: [] } as const;

  it('names a command its aggregate has, with that command’s data', () => {
    const command: CommandCall = { aggregate: 'finding', type: 'RecordRemediationResult', data };
    // @ts-expect-error a misspelled command type
    const misspelled: CommandCall = { aggregate: 'finding', type: 'RecordRemediationResults', data };
    // @ts-expect-error a command of another aggregate
    const elsewhere: CommandCall = { aggregate: 'grievance', type: 'RecordRemediationResult', data };
    // @ts-expect-error data without the assessment
    const incomplete: CommandCall = {
      aggregate: 'finding',
      type: 'RecordRemediationResult',
      data: { findingId: 'f-1' },
    };
    expect([command, misspelled, elsewhere, incomplete].map(({ type }) => type)).toHaveLength(4);
  });

  it('reads a decided event by its type, typed', () => {
    const decision: RecordedDecision = {
      events: [
        {
          type: 'GrievanceAcknowledged',
          eventId: 'e-1',
          data: { grievanceId: 'g-1', message: 'received', acknowledgedBy: 'cm', acknowledgedAt: 'now', late: true },
        },
      ],
      revision: 1,
      replayed: false,
    };
    expect(decidedEvent(decision, 'GrievanceAcknowledged')?.data.late).toBe(true);
    expect(decidedEvent(decision, 'QuestionnaireIssued')).toBeUndefined();
    // @ts-expect-error a misspelled event type
    expect(decidedEvent(decision, 'GrievanceAcknowledgd')).toBeUndefined();
  });
});
