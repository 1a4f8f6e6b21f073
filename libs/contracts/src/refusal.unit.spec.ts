import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import type { ErrorKind } from '@pj/domain';
import { DOMAIN_RULE_FAILURE } from './domain-command';
import { isFinalRefusal, refusalFailure, refusalOf } from './refusal';

describe('the Temporal boundary of the error hierarchy', () => {
  it('carries a refusal through an activity failure and back', () => {
    const failure = refusalFailure({
      code: 'finding.not_found',
      message: 'finding f-1 not found',
      details: { aggregateId: 'f-1' },
    });
    expect(failure).toMatchObject({
      type: DOMAIN_RULE_FAILURE,
      nonRetryable: true,
      details: ['finding.not_found', { aggregateId: 'f-1' }],
    });
    const inWorkflow = new ActivityFailure(
      'activity failed',
      'executeDomainCommand',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      '',
      failure,
    );
    expect(refusalOf(inWorkflow)).toEqual({
      code: 'finding.not_found',
      message: 'finding f-1 not found',
      details: { aggregateId: 'f-1' },
    });
  });

  it('reads a refusal as recorded histories hold it, and nothing else', () => {
    const recorded = ApplicationFailure.create({
      message: 'the standstill has not ended',
      type: DOMAIN_RULE_FAILURE,
      nonRetryable: true,
      details: ['standstill.not_ended', {}],
    });
    expect(refusalOf(recorded)).toMatchObject({ code: 'standstill.not_ended', details: {} });
    expect(refusalOf(new Error('store down'))).toBeUndefined();
  });

  it('lets Temporal retry conflicts and unavailable dependencies, and nothing else', () => {
    expect(
      (['invalid', 'not_found', 'forbidden', 'rule'] as const).every((kind: ErrorKind) => isFinalRefusal({ kind })),
    ).toBe(true);
    expect(isFinalRefusal({ kind: 'conflict' })).toBe(false);
    expect(isFinalRefusal({ kind: 'unavailable' })).toBe(false);
  });
});
