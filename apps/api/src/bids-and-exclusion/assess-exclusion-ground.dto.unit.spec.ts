import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { AssessExclusionGround } from '@pj/domain';
import { InvalidInputError } from '../errors/request-errors';
import { AssessExclusionGroundDto, exclusionAssessment } from './assess-exclusion-ground.dto';

const dto = (subject: object, ground: object) =>
  ({ subject, ground, decision: 'exclude', reasons: 'a final conviction' }) as AssessExclusionGroundDto;

describe('an exclusion assessment as the command data', () => {
  it('reads the flat DTO as the subject and ground unions, each kind with its own fields', () => {
    const mandatory = { kind: 'mandatory', offence: 'child_labour', convictionFinal: true, convictedOn: '2024-05-02' };
    expect(exclusionAssessment(dto({ kind: 'subcontractor', subcontractorId: 'sub-1' }, mandatory))).toEqual({
      subject: { kind: 'subcontractor', subcontractorId: 'sub-1' },
      ground: mandatory,
      decision: 'exclude',
      reasons: 'a final conviction',
    });
    // Fields of the other kind are not the command's.
    expect(
      exclusionAssessment(
        dto(
          { kind: 'bidder', subcontractorId: 'sub-1' },
          {
            kind: 'discretionary',
            ground: 'breach_of_labour_law',
            facts: 'f',
            occurredOn: '2025-03-10',
            offence: 'child_labour',
          },
        ),
      ),
    ).toMatchObject({
      subject: { kind: 'bidder' },
      ground: { kind: 'discretionary', ground: 'breach_of_labour_law', facts: 'f', occurredOn: '2025-03-10' },
    });
  });

  it('a discretionary ground without the date of its event is refused: the cap counts from it', () => {
    expect(() =>
      exclusionAssessment(
        dto({ kind: 'bidder' }, { kind: 'discretionary', ground: 'breach_of_labour_law', facts: 'f' }),
      ),
    ).toThrow('ground.occurredOn: is required for a discretionary ground');
  });

  it('refuses a kind without its fields, naming each one', () => {
    const refusal = (() => {
      try {
        return exclusionAssessment(dto({ kind: 'subcontractor' }, { kind: 'mandatory', offence: 'child_labour' }));
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect((refusal as InvalidInputError).details.errors).toEqual([
      { field: 'subject.subcontractorId', reason: 'is required for a subcontractor' },
      { field: 'ground.convictionFinal', reason: 'is required for a mandatory ground' },
      { field: 'ground.convictedOn', reason: 'is required for a mandatory ground' },
    ]);
  });

  it('the flat DTO is not the command data: the compiler sees the difference', () => {
    const body = dto(
      { kind: 'bidder' },
      { kind: 'discretionary', ground: 'breach_of_labour_law', facts: 'f', occurredOn: '2025-03-10' },
    );
    // @ts-expect-error the DTO's subject and ground are flat, not the command's unions
    const asIs: Omit<AssessExclusionGround['data'], 'caseId' | 'bidId'> = body;
    const read: Omit<AssessExclusionGround['data'], 'caseId' | 'bidId'> = exclusionAssessment(body);
    expect(read).toEqual(JSON.parse(JSON.stringify(asIs)));
  });
});

describe('the exclusion assessment DTO', () => {
  // A missing subject or ground once passed validation and reached the mapping: a 500 found by fuzzing.
  it('refuses a body without its subject or ground, naming the field', async () => {
    const problems = async (body: object) =>
      (await validate(plainToInstance(AssessExclusionGroundDto, body))).map((error) => error.property);
    const body = {
      subject: { kind: 'bidder' },
      ground: { kind: 'discretionary', ground: 'breach_of_labour_law', facts: 'unpaid overtime' },
      decision: 'do_not_exclude',
      reasons: 'remediation verified',
    };
    expect(await problems(body)).toEqual([]);
    expect(await problems({ ...body, ground: undefined })).toEqual(['ground']);
    expect(await problems({ ...body, subject: undefined })).toEqual(['subject']);
    expect(await problems({ ...body, ground: 'mandatory' })).toEqual(['ground']);
  });
});
