import { join } from 'node:path';
import { PgliteDriver, SqlEventStore } from '@pj/event-store';
import { factoryStreamId, findingStreamId } from '@pj/domain';
import { SCENARIO_ORGANISATION, writeScenario, type ScenarioResult } from './testing/audit-scenario';
import { createOcdsValidator } from './testing/ocds-validation';
import { ocdsRecordPackage, ocdsReleasePackage, toJsonLines } from './export';
import {
  aggregateOfStream,
  causationChain,
  diffBetween,
  EventIndex,
  provenanceOf,
  replayStore,
  resolveStreamId,
  stateAt,
} from './replay';
import { keysFromSeed } from './signing';
import { verifyStore } from './verify';

const OCDS = join(__dirname, '../../../../shared/ocds');

describe('replay, point in time, causation and export of a case written through the command path', () => {
  let store: SqlEventStore;
  let scenario: ScenarioResult;

  beforeAll(async () => {
    store = await SqlEventStore.open(await PgliteDriver.open());
    scenario = await writeScenario(store);
  });
  afterAll(() => store?.close());

  it('names a stream by its organisation and id, or by its stream id; a bare id names none', () => {
    const org = SCENARIO_ORGANISATION;
    expect(resolveStreamId(`case:${org}/${scenario.caseId}`)).toBe(scenario.caseStreamId);
    expect(resolveStreamId(`${org}/${scenario.caseId}`)).toBe(scenario.caseStreamId);
    expect(resolveStreamId(`procurementCase:${org}/${scenario.caseId}`)).toBe(scenario.caseStreamId);
    expect(resolveStreamId(scenario.caseStreamId)).toBe(scenario.caseStreamId);
    expect(resolveStreamId('finding:city of madison/f-1')).toBe(findingStreamId('city of madison', 'f-1'));
    expect(resolveStreamId('factory:f-1')).toBe(factoryStreamId('f-1'));
    expect(aggregateOfStream(findingStreamId('a/b', 'f-1'))).toBe('finding');
    for (const bare of [scenario.caseId, 'finding:f-1', `case:${org}/`])
      expect(() => resolveStreamId(bare)).toThrow(RangeError);
  });

  it('writes a verifiable history', async () => {
    const verification = await verifyStore(store, { keys: keysFromSeed(Buffer.alloc(32, 1)) });
    expect(verification.issues).toEqual([]);
    expect((await replayStore(store)).failures).toEqual([]);
  });

  it('rebuilds the case at a revision and at an instant, and shows the difference', async () => {
    const history = await store.readStream(scenario.caseStreamId);
    const signed = history.find((e) => e.type === 'ContractSigned')!;
    const atSignature = await stateAt(store, scenario.caseStreamId, { revision: signed.revision });
    const before = await stateAt(store, scenario.caseStreamId, { at: '2026-02-01T00:00:00.000Z' });
    const now = await stateAt(store, scenario.caseStreamId);
    expect(atSignature.revision).toBe(signed.revision);
    expect(before.revision).toBeLessThan(signed.revision);
    expect(now.revision).toBe(history.length - 1);
    expect(JSON.stringify(atSignature.state)).not.toEqual(JSON.stringify(now.state));

    const difference = await diffBetween(store, scenario.caseStreamId, { revision: signed.revision }, {});
    expect(difference.changes.length).toBeGreaterThan(0);
    expect(difference.changes.every((change) => Array.isArray(change.path))).toBe(true);
  });

  it('names who caused every event and follows the termination back to the finding', async () => {
    const history = await store.readStream(scenario.caseStreamId);
    const provenance = history.map(provenanceOf);
    expect(provenance.every((p) => p.actor.id && p.actor.role && p.commandId)).toBe(true);
    expect(provenance.find((p) => p.type === 'RiskScreened')?.actorKind).toBe('workflow');

    const index = await EventIndex.fromStore(store);
    const chain = causationChain(index, scenario.terminationEvent);
    expect(chain[0].provenance.type).toBe('ContractTerminated');
    expect(chain[0].provenance.actor.role).toBe('compliance_officer');
    expect(chain.at(-1)!.provenance.eventId).toBe(scenario.findingEvent.metadata.eventId);
    expect(chain.map((s) => s.provenance.type)).toEqual([
      'ContractTerminated',
      'BreachEscalated',
      'BreachEscalated',
      'BreachEscalated',
      'BreachEscalated',
      'PerformanceClauseBreached',
      'FindingRecorded',
    ]);
  });

  it('exports the history as JSON Lines', async () => {
    const history = await store.readStream(scenario.caseStreamId);
    const lines = toJsonLines(history)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(history.length);
    expect(lines[0]).toMatchObject({ streamId: scenario.caseStreamId, revision: 0, type: 'CaseOpened' });
    expect(lines[1].metadata.previousHash).toBe(lines[0].metadata.hash);
  });

  it('exports OCDS 1.1 release and record packages that validate against the schemas', async () => {
    const history = await store.readStream(scenario.caseStreamId);
    const validator = createOcdsValidator(OCDS);
    const releasePackage = ocdsReleasePackage(history);
    const recordPackage = ocdsRecordPackage(history);
    expect(validator.validateReleasePackage(releasePackage)).toEqual([]);
    expect(validator.validateRecordPackage(recordPackage)).toEqual([]);
    // The validator does reject what is not OCDS.
    expect(validator.validateReleasePackage({ ...releasePackage, version: '2' })).not.toEqual([]);

    const tags = (releasePackage.releases as { tag: string[] }[]).flatMap((r) => r.tag);
    for (const tag of [
      'planning',
      'tender',
      'award',
      'awardCancellation',
      'contract',
      'implementation',
      'contractTermination',
    ])
      expect(tags).toContain(tag);
    const compiled = (recordPackage.records as { compiledRelease: Record<string, unknown> }[])[0].compiledRelease as {
      tag: string[];
      awards: { id: string; status: string }[];
      contracts: { id: string; status: string; awardID: string }[];
    };
    expect(compiled.tag).toEqual(['compiled']);
    expect(compiled.awards.map((a) => [a.id, a.status])).toEqual([
      ['award-1', 'cancelled'],
      ['award-2', 'active'],
    ]);
    expect(compiled.contracts).toEqual([
      expect.objectContaining({
        id: 'contract-1',
        awardID: 'award-2',
        status: 'terminated',
      }),
    ]);
  });
});
