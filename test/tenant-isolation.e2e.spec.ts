import { randomUUID } from 'node:crypto';
import { findingStreamId, grievanceStreamId, procurementCaseStreamId } from '@pj/domain';
import { eventually, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type HttpClient } from './support/http';

// Stockholm County Council (A) and the City of Madison (B) on one engine. B cannot read or change
// anything of A's — cases, findings, grievances, standstills, reviews, workflow updates and status —
// and its answer for A's ids is the answer for ids that do not exist. The factory registry is shared.
describe('tenant isolation: one buyer cannot see or touch another’s', () => {
  let engine: TestEngine;
  let http: HttpClient;
  const A = 'stockholm-county-council';
  const B = 'city-of-madison';
  const factoryId = 'f-shared-1';
  const ids = {
    findingId: `finding-${randomUUID()}`,
    grievanceId: `grievance-${randomUUID()}`,
    reviewId: `review-${randomUUID()}`,
  };
  let caseId: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
    const a = engine.tokens(A, { factories: [factoryId] });
    caseId = expectStatus(
      await http.post('/cases', a.contract_manager, {
        title: 'Computers',
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
      }),
      201,
    ).body.id;
    expectStatus(
      await http.post('/factories', a.contract_manager, {
        factoryId,
        name: 'Shared factory',
        address: 'Dhaka',
        country: 'BD',
        tier: 1,
        products: ['uniforms'],
        numberOfWorkers: 900,
      }),
      201,
    );
    expectStatus(
      await http.post('/findings', a.monitor, {
        findingId: ids.findingId,
        factoryId,
        source: 'worker_driven_monitor',
        severity: 'medium',
        standardBreached: 'ILO C1',
        workersAffected: 12,
        description: 'unpaid overtime',
        evidenceRefs: [],
        shareableWithOtherBuyers: false,
      }),
      201,
    );
    expectStatus(
      await http.post('/grievances', a.monitor, {
        grievanceId: ids.grievanceId,
        factoryId,
        channel: 'independent_monitor',
        anonymous: true,
        allegation: 'overtime unpaid',
        workersConcerned: 12,
        severity: 'medium',
        acknowledgeWithinDays: 7,
      }),
      201,
    );
    expectStatus(
      await http.post('/purchasing-practice-reviews', a.compliance_officer, {
        reviewId: ids.reviewId,
        caseId,
        findingIds: [ids.findingId],
        scope: 'lead times',
      }),
      201,
    );
    // The grievance-intake workflow is running (A can read its status).
    await eventually(async () => {
      const status = await http.get(`/grievances/${ids.grievanceId}/intake`, a.auditor);
      return status.status === 200 ? true : undefined;
    });
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  /** Every request B might try on A's things, as [method, path, body, B's role]. */
  const attempts = (id: (kind: 'case' | 'finding' | 'grievance' | 'review' | 'standstill') => string) =>
    [
      ['GET', `/cases/${id('case')}`, undefined, 'auditor'],
      ['GET', `/cases/${id('case')}/timeline`, undefined, 'auditor'],
      ['GET', `/cases/${id('case')}/contract/due-diligence`, undefined, 'auditor'],
      [
        'POST',
        `/cases/${id('case')}/policy`,
        { policyRef: 'p', codeOfConductStandards: ['ILO C1'], includesLawOfCountryOfProduction: true },
        'contract_manager',
      ],
      ['POST', `/cases/${id('case')}/bidding-closure`, {}, 'contract_manager'],
      [
        'POST',
        `/findings/${id('finding')}/evidence`,
        { evidenceRef: 'x', kind: 'other', note: '' },
        'compliance_officer',
      ],
      ['POST', `/findings/${id('finding')}/dismissal`, { reasons: 'not ours' }, 'compliance_officer'],
      ['GET', `/findings/${id('finding')}/escalation`, undefined, 'compliance_officer'],
      ['POST', `/grievances/${id('grievance')}/acknowledgement`, { message: 'received' }, 'compliance_officer'],
      ['POST', `/grievances/${id('grievance')}/retaliation-reports`, { description: 'x' }, 'compliance_officer'],
      ['GET', `/grievances/${id('grievance')}/intake`, undefined, 'auditor'],
      [
        'POST',
        `/purchasing-practice-reviews/${id('review')}/findings`,
        { findingId: 'f', practice: 'price', observation: 'o' },
        'contract_manager',
      ],
      ['POST', `/supply-standstills/${id('standstill')}/lifting`, { reasons: 'r' }, 'compliance_officer'],
    ] as const;

  it('answers B on A’s ids exactly as on ids that do not exist, and writes nothing', async () => {
    const b = engine.tokens(B);
    const real = {
      case: caseId,
      finding: ids.findingId,
      grievance: ids.grievanceId,
      review: ids.reviewId,
      standstill: `breach-${ids.findingId}`,
    };
    // A's own workflows may still be recording on these streams; what must not appear is anything of B's.
    const writtenByB = async () =>
      (
        await Promise.all(
          [procurementCaseStreamId(caseId), findingStreamId(ids.findingId), grievanceStreamId(ids.grievanceId)].map(
            (stream) => engine.store.readStream(stream),
          ),
        )
      )
        .flat()
        .filter((event) => event.metadata.organisationId === B);
    const guessed = randomUUID();
    const onA = attempts((kind) => real[kind]);
    const onNothing = attempts(() => guessed);
    for (let i = 0; i < onA.length; i++) {
      const [method, path, body, role] = onA[i];
      const theirs = await http.call(method, path, b[role], body);
      const missing = await http.call(method, onNothing[i][1], b[role], body);
      expect({ path, status: theirs.status }).toEqual({ path, status: 404 });
      expect({ path, status: missing.status }).toEqual({ path, status: 404 });
      // Same problem, only the id differs.
      const same = (answer: { body: object }, id: string) => JSON.stringify(answer.body).split(id).join('<id>');
      const realId = Object.values(real)
        .filter((id) => path.includes(id))
        .sort((x, y) => y.length - x.length)[0];
      expect(same(theirs, realId)).toEqual(same(missing, guessed));
    }
    expect(await writtenByB()).toEqual([]);
  });

  it('keeps A’s cases out of B’s lists', async () => {
    const list = expectStatus(await http.get('/cases', engine.tokens(B).auditor), 200);
    expect(JSON.stringify(list.body)).not.toContain(caseId);
  });

  it('shares the factory registry: B may update the profile of a factory A registered', async () => {
    expectStatus(
      await http.post(`/factories/${factoryId}/profile-updates`, engine.tokens(B).contract_manager, {
        changes: { numberOfWorkers: 950 },
      }),
      201,
    );
  });

  it('does not let B take over A’s ids: recording a finding under A’s id answers 404 and writes nothing', async () => {
    const again = await http.post('/findings', engine.tokens(B).compliance_officer, {
      findingId: ids.findingId,
      factoryId,
      source: 'ngo_report',
      severity: 'low',
      standardBreached: 'x',
      workersAffected: 0,
      description: 'x',
      evidenceRefs: [],
      shareableWithOtherBuyers: false,
    });
    expect(again.status).toBe(404);
    const stream = await engine.store.readStream(findingStreamId(ids.findingId));
    expect(stream.every((event) => event.metadata.organisationId === A)).toBe(true);
  });

  // Item by item, every place one aggregate names another: B may name only its own. Naming A's case
  // or finding answers like naming one that does not exist (422 reference.not_found, same body but
  // for the id), and B's streams gain nothing.
  it('does not let B name A’s case or finding in anything B records, and answers as for an unknown id', async () => {
    const b = engine.tokens(B, { factories: [factoryId] });
    const bCase = expectStatus(
      await http.post('/cases', b.contract_manager, {
        title: 'Uniforms',
        productCategory: 'garments',
        countriesOfProduction: ['BD'],
      }),
      201,
    ).body.id as string;
    const bFinding = `finding-${randomUUID()}`;
    const bReview = `review-${randomUUID()}`;
    const findingOf = (id: string, caseRef?: string) => ({
      findingId: id,
      factoryId,
      ...(caseRef ? { caseId: caseRef } : {}),
      source: 'ngo_report',
      severity: 'high',
      standardBreached: 'ILO C1',
      workersAffected: 3,
      description: 'overtime',
      evidenceRefs: [],
      shareableWithOtherBuyers: false,
    });
    expectStatus(await http.post('/findings', b.compliance_officer, findingOf(bFinding)), 201);
    expectStatus(
      await http.post('/purchasing-practice-reviews', b.compliance_officer, {
        reviewId: bReview,
        caseId: bCase,
        findingIds: [bFinding],
        scope: 'prices',
      }),
      201,
    );
    const timetable = {
      planDueWithinDays: 30,
      escalationAfterDays: {
        reminder: 0,
        escalated_to_compliance_officer: 7,
        supply_standstill: 21,
        termination_proposed: 35,
      },
    };
    /** [what B records, path, body naming `aCase`/`aFinding`, role]; new ids are fresh on every call. */
    const naming = (aCase: string, aFinding: string) =>
      [
        ['finding naming a case', '/findings', findingOf(`finding-${randomUUID()}`, aCase), 'compliance_officer'],
        [
          'breach confirmed on a case',
          `/findings/${bFinding}/breach-confirmation`,
          { reasons: 'r', caseId: aCase, contractorId: 'dell', remedyTimetable: timetable },
          'compliance_officer',
        ],
        [
          'grievance about a case',
          '/grievances',
          {
            grievanceId: `grievance-${randomUUID()}`,
            factoryId,
            caseId: aCase,
            channel: 'independent_monitor',
            anonymous: true,
            allegation: 'overtime',
            workersConcerned: 2,
            severity: 'medium',
            acknowledgeWithinDays: 7,
          },
          'compliance_officer',
        ],
        [
          'standstill on a case',
          '/supply-standstills',
          {
            standstillId: `standstill-${randomUUID()}`,
            factoryId,
            caseId: aCase,
            contractorId: 'dell',
            findingIds: [bFinding],
            reasons: 'r',
          },
          'compliance_officer',
        ],
        [
          'standstill for a finding',
          '/supply-standstills',
          {
            standstillId: `standstill-${randomUUID()}`,
            factoryId,
            caseId: bCase,
            contractorId: 'dell',
            findingIds: [aFinding],
            reasons: 'r',
          },
          'compliance_officer',
        ],
        [
          'review of a case',
          '/purchasing-practice-reviews',
          { reviewId: `review-${randomUUID()}`, caseId: aCase, findingIds: [bFinding], scope: 's' },
          'contract_manager',
        ],
        [
          'review of a finding',
          '/purchasing-practice-reviews',
          { reviewId: `review-${randomUUID()}`, caseId: bCase, findingIds: [aFinding], scope: 's' },
          'contract_manager',
        ],
        [
          'finding linked to a review',
          `/purchasing-practice-reviews/${bReview}/findings`,
          { findingId: aFinding, practice: 'price', observation: 'o' },
          'contract_manager',
        ],
        [
          'clause breach citing a finding',
          `/cases/${bCase}/contract/clause-breaches`,
          { clauseId: 'factory-disclosure', breachId: `b-${randomUUID()}`, description: 'd', findingId: aFinding },
          'contract_manager',
        ],
        [
          'termination citing a finding',
          `/cases/${bCase}/contract/termination`,
          { reasons: 'r', findingId: aFinding },
          'compliance_officer',
        ],
      ] as const;
    const typesOfB = async () =>
      [
        ...(await engine.store.readStream(findingStreamId(bFinding))),
        ...(await engine.store.readStream(procurementCaseStreamId(bCase))),
      ].map((event) => event.type);
    const guessed = { case: `case-${randomUUID()}`, finding: `finding-${randomUUID()}` };
    const onA = naming(caseId, ids.findingId);
    const onNothing = naming(guessed.case, guessed.finding);
    const strip = (answer: { body: object }, ...idsToHide: string[]) =>
      idsToHide.reduce((text, id) => text.split(id).join('<id>'), JSON.stringify(answer.body));
    for (let i = 0; i < onA.length; i++) {
      const [what, path, body, role] = onA[i];
      const theirs = await http.post(path, b[role], body);
      const missing = await http.post(onNothing[i][1], b[role], onNothing[i][2]);
      expect({ what, status: theirs.status, code: theirs.body.code }).toEqual({
        what,
        status: 422,
        code: 'reference.not_found',
      });
      expect(strip(theirs, caseId, ids.findingId)).toEqual(strip(missing, guessed.case, guessed.finding));
    }
    // What the refused commands would have recorded on B's own streams is not there.
    const recorded = await typesOfB();
    for (const type of ['BreachConfirmed', 'PerformanceClauseBreached', 'ContractTerminated'])
      expect(recorded).not.toContain(type);
    expect(
      (await engine.store.readStream(procurementCaseStreamId(caseId))).filter((e) => e.metadata.organisationId === B),
    ).toEqual([]);
  });
});
