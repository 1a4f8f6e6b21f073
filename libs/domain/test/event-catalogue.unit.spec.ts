// eslint-disable-next-line no-restricted-imports -- the spec reads docs/domain.md; domain code itself stays free of I/O
import { readFileSync } from 'fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { join } from 'path';
import { domainEventTypes, escalationLadder, finding, grievance, supplyStandstill, type Event } from '../src';
import { history } from './decider-specification';
import {
  caseCommand,
  caseId,
  day,
  findingCommand,
  grievanceCommand,
  runOn,
  signed,
  standstillCommand,
} from './fixtures';
import { remedyTimetable } from './remedy-timetable.fixture';

// docs/domain.md is the event catalogue; this keeps it honest against the code.
const catalogue = readFileSync(join(__dirname, '../../../docs/domain.md'), 'utf8');
const sections = new Map(
  catalogue
    .split(/^### /m)
    .slice(1)
    .map((section) => [section.split('\n')[0].trim(), section] as const),
);

describe('docs/domain.md event catalogue', () => {
  it('has a heading for every event type the domain emits', () =>
    expect(domainEventTypes.filter((type) => !sections.has(type))).toEqual([]));

  it('has no heading that is not an event type', () =>
    expect([...sections.keys()].filter((heading) => !domainEventTypes.includes(heading))).toEqual([]));

  it('says for every event what causes it and which fields it has', () => {
    for (const [type, section] of sections) {
      expect({ type, causedBy: /^Caused by: /m.test(section) }).toEqual({ type, causedBy: true });
      expect({ type, fields: /^Fields: /m.test(section) }).toEqual({ type, fields: true });
    }
  });

  it('lists every field of real events', () => {
    const samples: Event[] = [
      ...runOn(signed(), [
        caseCommand('RecordClauseBreach', {
          caseId,
          clauseId: 'factory-disclosure',
          breachId: 'b',
          description: 'd',
          findingId: 'f',
        }),
        ...escalationLadder.map((step) => caseCommand('EscalateBreach', { caseId, findingId: 'f', step, note: 'n' })),
        caseCommand(
          'TerminateContract',
          { caseId, reasons: 'r', findingId: 'f', urgencyJustification: 'u' },
          { role: 'compliance_officer' },
        ),
      ]),
      ...history(finding, [
        findingCommand('RecordFinding', {
          findingId: 'f',
          factoryId: 'x',
          caseId,
          source: 'grievance',
          severity: 'low',
          standardBreached: 's',
          workersAffected: 0,
          description: 'd',
          evidenceRefs: [],
          shareableWithOtherBuyers: false,
        }),
        findingCommand(
          'ConfirmBreach',
          { findingId: 'f', reasons: 'r', contractorId: 'c', remedyTimetable },
          { role: 'compliance_officer' },
        ),
        findingCommand('RecordRemedyToWorkers', {
          findingId: 'f',
          remedyId: 'r',
          kind: 'compensation',
          workersCovered: 1,
          amount: 1,
          currency: 'EUR',
          description: 'd',
        }),
      ]),
      ...history(grievance, [
        grievanceCommand('SubmitGrievance', {
          grievanceId: 'g',
          factoryId: 'x',
          caseId,
          channel: 'hotline',
          anonymous: false,
          complainant: { name: 'n', contact: 'c' },
          allegation: 'a',
          workersConcerned: 1,
          severity: 'low',
          acknowledgeWithinDays: 7,
        }),
      ]),
      ...history(supplyStandstill, [
        standstillCommand(
          'ImposeSupplyStandstill',
          { standstillId: 's', factoryId: 'x', caseId, contractorId: 'c', findingIds: ['f'], reasons: 'r' },
          { role: 'compliance_officer', now: day(1) },
        ),
      ]),
    ];
    const undocumented = samples.flatMap((event) =>
      Object.keys(event.data as object)
        .filter((field) => !(sections.get(event.type) ?? '').includes(`\`${field}\``))
        .map((field) => `${event.type}.${field}`),
    );
    expect(undocumented).toEqual([]);
  });
});
