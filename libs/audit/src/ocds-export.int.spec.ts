import { join } from 'node:path';
import { PgliteDriver, SqlEventStore, type RecordedEvent } from '@pj/event-store';
import { writeScenario } from './testing/audit-scenario';
import { kpiMilestoneStatus, ocdsRecordPackage, ocdsReleasePackage, type OcdsOptions } from './export';
import { ocdsExtensionUrls } from './ocds-extensions';
import { writeOcdsCase } from './testing/ocds-scenarios';
import { createOcdsValidator } from './testing/ocds-validation';

// What the OCDS export says, case by case: the content a data user reads, not only its shape.

const OCDS = join(__dirname, '../../../../shared/ocds');

type Any = any;

describe('OCDS export content', () => {
  let store: SqlEventStore;
  const histories: Record<string, readonly RecordedEvent[]> = {};
  const validator = createOcdsValidator(OCDS);

  beforeAll(async () => {
    store = await SqlEventStore.open(await PgliteDriver.open());
    const terminated = await writeScenario(store, 'case-terminated');
    histories.terminated = await store.readStream(terminated.caseStreamId);
    for (const ending of ['pending-award', 'cancelled-award', 'closed', 'disclosure-ratchet-missed'] as const)
      histories[ending] = await store.readStream(await writeOcdsCase(store, `case-${ending}`, ending));
  }, 120_000);
  afterAll(() => store?.close());

  const milestoneOf = (contract: Any, id: string) => contract.implementation.milestones.find((m: Any) => m.id === id);
  const exported = (kind: string, options: OcdsOptions = {}) => {
    const releasePackage = ocdsReleasePackage(histories[kind], options) as Any;
    const recordPackage = ocdsRecordPackage(histories[kind], options) as Any;
    return {
      releasePackage,
      recordPackage,
      releases: releasePackage.releases as Any[],
      compiled: recordPackage.records[0].compiledRelease as Any,
    };
  };
  const party = (compiled: Any, id: string) => compiled.parties.find((p: Any) => p.id === id);
  const milestone = (contract: Any, id: string) => contract.implementation.milestones.find((m: Any) => m.id === id);

  it.each(['terminated', 'pending-award', 'cancelled-award', 'closed', 'disclosure-ratchet-missed'])(
    'validates against the schema patched with the declared extensions (%s)',
    (kind) => {
      const { releasePackage, recordPackage } = exported(kind, { versionedRelease: true });
      expect(validator.validateReleasePackage(releasePackage)).toEqual([]);
      expect(validator.validateRecordPackage(recordPackage)).toEqual([]);
      expect(releasePackage.extensions).toEqual(ocdsExtensionUrls());
    },
  );

  it('rejects an extension field that does not fit the extension schema', () => {
    const { releasePackage } = exported('closed');
    const broken = structuredClone(releasePackage);
    broken.releases.find((r: Any) => r.bids).bids.details[0].status = 'excluded';
    expect(validator.validateReleasePackage(broken).join('\n')).toMatch(/bids\/details\/0\/status/);
  });

  it('reports a contract year disclosed short of the ratchet as not met, and a year that met it as met', () => {
    const missed = milestoneOf(exported('disclosure-ratchet-missed').compiled.contracts[0], 'disclosure-year-1');
    expect(missed).toMatchObject({
      status: 'notMet',
      description: 'At least 60% required; 50% disclosed. Next year: 70%.',
    });
    expect(missed.dateMet).toBeUndefined();
    const met = milestoneOf(exported('closed').compiled.contracts[0], 'disclosure-year-1');
    expect(met).toMatchObject({ status: 'met', dateMet: expect.any(String) });
  });

  describe('a contract through breach, sanction and escalations to termination', () => {
    it('publishes the performance clauses as milestones whose status follows the breach', () => {
      const { compiled, releases } = exported('terminated');
      const [contract] = compiled.contracts;
      const disclosure = milestone(contract, 'clause-factory-disclosure');
      expect(disclosure).toMatchObject({
        title: 'Disclose factory names and addresses',
        type: 'delivery',
        status: 'notMet',
        dateModified: expect.any(String),
      });
      expect(disclosure.dateMet).toBeUndefined();
      expect(disclosure.description).toContain('Breach breach-1 confirmed: undisclosed factory');
      // The four escalations update the breached clause's milestone: no milestone per event.
      expect(disclosure.description).toContain(
        'Escalated: reminder, then escalated to compliance officer, then supply standstill, then termination proposed',
      );
      expect(milestone(contract, 'clause-working-hours')).toMatchObject({ status: 'scheduled', type: 'reporting' });
      const ids = contract.implementation.milestones.map((m: Any) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(['clause-factory-disclosure', 'clause-working-hours', 'sanction-sanction-1']);
      // Stable ids: the same milestone in every release that touches it.
      const touching = releases.filter((r) =>
        r.contracts?.[0]?.implementation?.milestones?.some((m: Any) => m.id === 'clause-factory-disclosure'),
      );
      expect(touching.length).toBeGreaterThanOrEqual(6);
    });

    it('publishes the sanction as implementation (a milestone and a transaction), not as an amendment', () => {
      const { compiled, releases } = exported('terminated');
      const tags = releases.flatMap((r) => r.tag);
      expect(tags).not.toContain('contractAmendment');
      const [contract] = compiled.contracts;
      expect(contract.amendments).toBeUndefined();
      expect(milestone(contract, 'sanction-sanction-1')).toMatchObject({
        title: 'Liquidated damages for breach breach-1 of clause factory-disclosure',
        status: 'met',
        description: 'necessary step not taken Amount: 50000 SEK.',
      });
      expect(contract.implementation.transactions).toEqual([
        {
          id: 'sanction-sanction-1',
          date: expect.any(String),
          value: { amount: 50_000, currency: 'SEK' },
          payer: { id: 'dell', name: 'dell' },
          payee: { id: 'stockholm-county-council', name: 'stockholm-county-council' },
        },
      ]);
      const sanctionRelease = releases.find((r) => r.contracts?.[0]?.implementation?.transactions);
      expect(sanctionRelease.tag).toEqual(['implementation']);
    });

    it('ends with contractTermination, and the re-awarded bidder keeps its supplier role', () => {
      const { compiled, releases } = exported('terminated');
      expect(releases.at(-1).tag).toEqual(['contractTermination']);
      expect(compiled.contracts[0]).toMatchObject({ status: 'terminated', awardID: 'award-2' });
      expect(compiled.contracts[0].documents[0]).toMatchObject({
        id: 'termination',
        description: 'forced labour not remedied',
      });
      expect(compiled.tender.status).toBe('complete');
      expect(party(compiled, 'dell').roles).toEqual(['tenderer', 'supplier']);
      expect(party(compiled, 'other-supplier').roles).toEqual(['tenderer']);
      // Each award keeps its own description; the cancellation is a document of the cancelled award.
      const [first, second] = compiled.awards;
      expect(first).toMatchObject({
        id: 'award-1',
        status: 'cancelled',
        description: 'first award, notice later found defective',
      });
      expect(first.documents.map((d: Any) => d.documentType)).toEqual(['complaints', 'cancellationDetails']);
      expect(first.documents[1].description).toBe('notice without reasons: the award is decided again');
      expect(first.documents[0].title).toBe('Complaint complaint-1: upheld');
      expect(second).toMatchObject({
        id: 'award-2',
        status: 'active',
        description: 'most economically advantageous tender',
      });
    });
  });

  it('reads a bid recorded at schema version 1 (a fraction) as its current version (percent)', () => {
    const current = histories.closed;
    const v1 = current.map((event) => {
      if (event.type !== 'BidSubmitted') return event;
      const { disclosedSharePercent, ...data } = event.data as { disclosedSharePercent: number };
      return {
        ...event,
        data: { ...data, disclosedShare: disclosedSharePercent / 100 },
        metadata: { ...event.metadata, schemaVersion: 1 },
      };
    });
    const notes = (events: readonly RecordedEvent[]) =>
      (ocdsRecordPackage(events) as Any).records[0].compiledRelease.bids.details.map((bid: Any) => bid.description);
    expect(notes(v1)).toEqual(notes(current));
    expect(notes(v1).join(' ')).not.toMatch(/undefined/);
  });

  it('a pending award leaves the tender active, the awarded bidder its supplier role', () => {
    const { compiled } = exported('pending-award');
    expect(compiled.tender.status).toBe('active');
    expect(compiled.awards).toEqual([expect.objectContaining({ id: 'award-1', status: 'pending' })]);
    expect(party(compiled, 'supplier-a').roles).toEqual(['tenderer', 'supplier']);
  });

  it('a cancelled award reverts the tender to active and takes the supplier role away', () => {
    const { compiled, releases } = exported('cancelled-award');
    const award = releases.find((r) => r.tag[0] === 'award');
    expect(award.tender).toBeUndefined(); // an award no longer completes the tender
    expect(releases.at(-1).tag).toEqual(['awardCancellation']);
    expect(compiled.tender.status).toBe('active');
    expect(compiled.awards[0]).toMatchObject({
      status: 'cancelled',
      description: 'most economically advantageous tender',
    });
    expect(party(compiled, 'supplier-a').roles).toEqual(['tenderer']);
    expect(compiled.parties.some((p: Any) => p.roles?.includes('supplier'))).toBe(false);
  });

  describe('a contract closed normally', () => {
    it('tags the close contractTermination and measures the KPIs against their targets', () => {
      const { compiled, releases } = exported('closed');
      const closing = releases.at(-1);
      expect(closing.tag).toEqual(['contractTermination']);
      expect(releases.flatMap((r) => r.tag)).not.toContain('contractUpdate');
      const [contract] = compiled.contracts;
      expect(contract.status).toBe('terminated');
      expect(contract.documents[0]).toMatchObject({ id: 'closure', title: 'Contract closed' });
      expect(milestone(contract, 'clause-working-hours')).toMatchObject({
        status: 'partiallyMet',
        description: expect.stringContaining('2026-Q2: 40 against a target of 60.'),
      });
      expect(milestone(contract, 'clause-working-hours').dateMet).toBeUndefined();
      expect(milestone(contract, 'clause-grievance-channel')).toMatchObject({
        status: 'met',
        dateMet: expect.any(String),
      });
      expect(milestone(contract, 'clause-factory-disclosure').status).toBe('scheduled');
      expect(milestone(contract, 'compliance-plans')).toMatchObject({
        status: 'met',
        dueDate: expect.any(String),
        description: 'Plans submitted for: factory-bid-a.',
      });
      expect(milestone(contract, 'disclosure-year-1')).toMatchObject({
        status: 'met',
        description: 'At least 60% required; 75% disclosed.',
      });
    });

    it('tells the labour story in the declared extensions: sustainability, exclusions, selection, bids, subcontracting, criteria', () => {
      const { compiled } = exported('closed');
      const { tender, bids } = compiled;
      expect(tender.status).toBe('complete');
      expect(tender.hasSustainability).toBe(true);
      expect(tender.sustainability).toEqual([
        expect.objectContaining({
          goal: 'social.humanRightsInSupplyChains',
          strategies: ['awardCriteria', 'contractPerformanceConditions', 'selectionCriteria'],
        }),
      ]);
      expect(tender.exclusionGrounds.criteria.map((c: Any) => c.type)).toEqual([
        'human-traffic',
        'misconduct',
        'labour-law',
        'sanction',
      ]);
      expect(tender.selectionCriteria.criteria).toEqual([
        expect.objectContaining({ type: 'technical', minimum: '60%', appliesTo: ['supplier'] }),
      ]);
      expect(tender.lots[0].awardCriteria.criteria).toEqual([
        { type: 'price', name: 'Price', numbers: [{ number: 60, weight: 'percentageExact' }] },
        expect.objectContaining({
          type: 'quality',
          name: 'Compliance plan quality',
          numbers: [{ number: 40, weight: 'percentageExact' }],
        }),
      ]);

      const bid = (id: string) => bids.details.find((b: Any) => b.id === id);
      expect(bid('bid-a')).toMatchObject({ status: 'valid', hasRank: true, rank: 1, hasSubcontracting: true });
      // The convicted subcontractor is replaced in its subcontract, and is no longer a subcontractor.
      expect(bid('bid-a').subcontracting.subcontracts).toEqual([
        {
          id: '1',
          subcontractor: { id: 'stitch-co', name: 'stitch-co' },
          mainContractors: [{ id: 'supplier-a', name: 'supplier-a' }],
        },
      ]);
      expect(bid('bid-a').description).toContain(
        'Subcontractor embroidery-co must be replaced (Art. 71(6)): final conviction for child labour (Art. 57(1), mandatory)',
      );
      expect(bid('bid-a').description).toContain('Subcontractor embroidery-co replaced by stitch-co (Art. 71(6)).');
      expect(party(compiled, 'stitch-co').roles).toEqual(['subcontractor']);
      expect(party(compiled, 'embroidery-co')).toEqual({ id: 'embroidery-co', name: 'embroidery-co' });
      expect(bid('bid-b')).toMatchObject({ status: 'valid', rank: 2 });
      // The excluded bidder is not an ordinary tenderer: its bid is disqualified, with the ground.
      expect(bid('bid-c').status).toBe('disqualified');
      expect(bid('bid-c').description).toContain('grave professional misconduct (Art. 57(4), discretionary)');
      expect(bids.statistics).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ measure: 'bids', value: 3 }),
          expect.objectContaining({ measure: 'validBids', value: 2 }),
          expect.objectContaining({ measure: 'disqualifiedBids', value: 1 }),
        ]),
      );
      expect(compiled.awards[0]).toMatchObject({ relatedBids: ['bid-a'], hasSubcontracting: true });
    });
  });

  it('writes the publication metadata and names the compiled release <ocid>-<date>', () => {
    const options: OcdsOptions = {
      ocidPrefix: 'ocds-abc123',
      baseUri: 'https://data.example.org/ocds/',
      publisher: {
        name: 'Region Stockholm',
        scheme: 'SE-BLV',
        uid: '232100-0016',
        uri: 'https://www.regionstockholm.se',
      },
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      publicationPolicy: 'https://data.example.org/policy',
    };
    const { recordPackage, compiled, releases } = exported('closed', options);
    expect(recordPackage).toMatchObject({
      uri: 'https://data.example.org/ocds/ocds-abc123-case-closed/record.json',
      publisher: options.publisher,
      license: options.license,
      publicationPolicy: options.publicationPolicy,
    });
    expect(compiled.ocid).toBe('ocds-abc123-case-closed');
    expect(compiled.id).toBe(`ocds-abc123-case-closed-${releases.at(-1).date}`);
    const defaults = exported('closed').recordPackage;
    expect(defaults.license).toBe('https://opendatacommons.org/licenses/pddl/1-0/');
    expect(defaults.publicationPolicy).toBe('https://procurement-journey.example/ocds/publication-policy');
    expect(recordPackage.records[0].versionedRelease).toBeUndefined();
  });

  it('gives the versioned release on request: every value with the release that set it', () => {
    const { recordPackage, releases } = exported('cancelled-award', { versionedRelease: true });
    const versioned = recordPackage.records[0].versionedRelease;
    expect(versioned.ocid).toBe(releases[0].ocid);
    expect(versioned.tender.status.map((v: Any) => v.value)).toEqual(['planning', 'active']);
    const award = versioned.awards[0];
    expect(award.id).toBe('award-1');
    expect(award.status.map((v: Any) => [v.value, v.releaseTag[0]])).toEqual([
      ['pending', 'award'],
      ['cancelled', 'awardCancellation'],
    ]);
    const roles = versioned.parties.find((p: Any) => p.id === 'supplier-a').roles;
    expect(roles.map((v: Any) => v.value)).toEqual([['tenderer'], ['tenderer', 'supplier'], ['tenderer']]);
  });

  it('scores a KPI against its target', () => {
    expect(kpiMilestoneStatus(60, 60)).toBe('met');
    expect(kpiMilestoneStatus(40, 60)).toBe('partiallyMet');
    expect(kpiMilestoneStatus(0, 60)).toBe('notMet');
  });
});
