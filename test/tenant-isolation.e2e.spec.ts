import { randomUUID } from 'node:crypto';
import { breachEscalationWorkflowId } from '@pj/contracts';
import {
  findingStreamId,
  grievanceStreamId,
  procurementCaseStreamId,
  purchasingPracticeReviewStreamId,
  supplyStandstillStreamId,
} from '@pj/domain';
import { eventually, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type HttpClient } from './support/http';
import { SEEDED_FACTORIES, seedSignedContract } from './support/seed-journey';

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
  let eventId: string;
  let jobId: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
    const a = engine.tokens(A, { factories: [factoryId] });
    caseId = expectStatus(
      await http.post('/api/cases', a.contract_manager, {
        title: 'Computers',
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
      }),
      201,
    ).body.id;
    expectStatus(
      await http.post('/api/factories', a.contract_manager, {
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
      await http.post('/api/findings', a.monitor, {
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
      await http.post('/api/grievances', a.monitor, {
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
      await http.post('/api/purchasing-practice-reviews', a.compliance_officer, {
        reviewId: ids.reviewId,
        caseId,
        findingIds: [ids.findingId],
        scope: 'lead times',
      }),
      201,
    );
    eventId = (await engine.store.readStream(procurementCaseStreamId(A, caseId)))[0].metadata.eventId;
    jobId = expectStatus(await http.post('/api/audit/verifications', a.auditor, {}), 202).body.jobId;
    // The grievance-intake workflow is running (A can read its status): the read waits for the
    // process manager to have passed the grievance (Min-Log-Position, sent by the test client).
    expect(
      expectStatus(await http.get(`/api/grievances/${ids.grievanceId}/intake`, a.auditor), 200).body.status,
    ).not.toBe('starting');
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  /** Every request B might try on A's things, as [method, path, body, B's role]. */
  const attempts = (
    id: (kind: 'case' | 'finding' | 'grievance' | 'review' | 'standstill' | 'event' | 'job') => string,
  ) =>
    [
      ['GET', `/api/cases/${id('case')}`, undefined, 'auditor'],
      ['GET', `/api/cases/${id('case')}/timeline`, undefined, 'auditor'],
      ['GET', `/api/cases/${id('case')}/contract/due-diligence`, undefined, 'auditor'],
      [
        'POST',
        `/api/cases/${id('case')}/policy`,
        { policyRef: 'p', codeOfConductStandards: ['ILO C1'], includesLawOfCountryOfProduction: true },
        'contract_manager',
      ],
      ['POST', `/api/cases/${id('case')}/bidding-closure`, {}, 'contract_manager'],
      [
        'POST',
        `/api/findings/${id('finding')}/evidence`,
        { evidenceRef: 'x', kind: 'other', note: '' },
        'compliance_officer',
      ],
      ['POST', `/api/findings/${id('finding')}/dismissal`, { reasons: 'not ours' }, 'compliance_officer'],
      ['GET', `/api/findings/${id('finding')}/escalation`, undefined, 'compliance_officer'],
      [
        'POST',
        `/api/findings/${id('finding')}/standstill-decision`,
        { decision: 'decline', reasons: 'not ours' },
        'compliance_officer',
      ],
      [
        'POST',
        `/api/findings/${id('finding')}/standstill-lifting-confirmation`,
        { reasons: 'not ours' },
        'compliance_officer',
      ],
      ['POST', `/api/grievances/${id('grievance')}/acknowledgement`, { message: 'received' }, 'compliance_officer'],
      ['POST', `/api/grievances/${id('grievance')}/retaliation-reports`, { description: 'x' }, 'compliance_officer'],
      ['GET', `/api/grievances/${id('grievance')}/intake`, undefined, 'auditor'],
      ['GET', `/api/grievances/${id('grievance')}`, undefined, 'auditor'],
      [
        'POST',
        `/api/purchasing-practice-reviews/${id('review')}/findings`,
        { findingId: 'f', practice: 'price', observation: 'o' },
        'contract_manager',
      ],
      ['POST', `/api/supply-standstills/${id('standstill')}/lifting`, { reasons: 'r' }, 'compliance_officer'],
      ['GET', `/api/audit/cases/${id('case')}/state?revision=0`, undefined, 'auditor'],
      ['GET', `/api/audit/cases/${id('case')}/diff?fromRevision=0`, undefined, 'auditor'],
      ['GET', `/api/audit/cases/${id('case')}/verification`, undefined, 'auditor'],
      ['GET', `/api/audit/cases/${id('case')}/export?format=ocds-record-package`, undefined, 'auditor'],
      ['POST', '/api/audit/exports', { caseId: id('case') }, 'auditor'],
      ['GET', `/api/audit/events/${id('event')}/causation`, undefined, 'auditor'],
      ['GET', `/api/audit/jobs/${id('job')}`, undefined, 'auditor'],
      ['GET', `/api/audit/jobs/${id('job')}/events`, undefined, 'auditor'],
      ['GET', `/api/audit/jobs/${id('job')}/result`, undefined, 'auditor'],
      // The tender's and the contract's read models, for B's supplier too.
      ['GET', `/api/cases/${id('case')}/requirements`, undefined, 'supplier'],
      ['GET', `/api/cases/${id('case')}/bids`, undefined, 'auditor'],
      ['GET', `/api/cases/${id('case')}/bids/bid-dell`, undefined, 'supplier'],
      ['GET', `/api/cases/${id('case')}/complaints/complaint-1`, undefined, 'auditor'],
      ['GET', `/api/cases/${id('case')}/contract/cycles`, undefined, 'auditor'],
      // Requests for documents: asked, disclosed, listed, read (the NDA documents too).
      [
        'POST',
        `/api/cases/${id('case')}/contract/document-requests`,
        {
          requestId: 'docs-1',
          documents: [{ kind: 'audit_report', description: 'latest audit' }],
          deadline: '2099-01-01T00:00:00.000Z',
        },
        'compliance_officer',
      ],
      [
        'POST',
        `/api/cases/${id('case')}/contract/document-requests/docs-1/disclosure`,
        {
          documents: [{ documentRef: 'audit-1', kind: 'audit_report', title: 'Audit' }],
          underNonDisclosureAgreement: true,
        },
        'supplier',
      ],
      ['GET', `/api/cases/${id('case')}/contract/document-requests`, undefined, 'auditor'],
      ['GET', `/api/cases/${id('case')}/contract/document-requests/docs-1`, undefined, 'auditor'],
      [
        'GET',
        `/api/cases/${id('case')}/contract/document-requests/docs-1/confidential-documents`,
        undefined,
        'auditor',
      ],
      // Documents as evidence: the case is checked before any byte of an upload is read.
      ['POST', `/api/cases/${id('case')}/documents`, { confidentiality: 'buyer' }, 'contract_manager'],
      [
        'POST',
        `/api/cases/${id('case')}/contract/document-requests/docs-1/documents`,
        { confidentiality: 'nda' },
        'supplier',
      ],
      ['GET', `/api/cases/${id('case')}/documents`, undefined, 'auditor'],
      ['GET', `/api/cases/${id('case')}/documents/doc-1/content`, undefined, 'auditor'],
      [
        'POST',
        `/api/cases/${id('case')}/documents/doc-1/redaction`,
        { reason: 'names a worker' },
        'compliance_officer',
      ],
    ] as const;

  it('answers B on A’s ids exactly as on ids that do not exist, and writes nothing', async () => {
    const b = engine.tokens(B);
    const real = {
      case: caseId,
      finding: ids.findingId,
      grievance: ids.grievanceId,
      review: ids.reviewId,
      standstill: `breach-${ids.findingId}`,
      event: eventId,
      job: jobId,
    };
    // A's own workflows may still be recording on these streams; what must not appear is anything of B's.
    const writtenByB = async () =>
      (
        await Promise.all(
          [
            procurementCaseStreamId(A, caseId),
            findingStreamId(A, ids.findingId),
            grievanceStreamId(A, ids.grievanceId),
            // Nor in B's own namespace: probing creates nothing.
            procurementCaseStreamId(B, caseId),
            findingStreamId(B, ids.findingId),
            grievanceStreamId(B, ids.grievanceId),
          ].map((stream) => engine.store.readStream(stream)),
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
    const list = expectStatus(await http.get('/api/cases', engine.tokens(B).auditor), 200);
    expect(JSON.stringify(list.body)).not.toContain(caseId);
    // Nor A's record of confidential reads (A's auditor has read A's grievances by now).
    expect(
      expectStatus(await http.get('/api/audit/confidential-reads', engine.tokens(B).auditor), 200).body.items,
    ).toEqual([]);
  });

  it('answers each caller only who they are themselves (GET /auth/caller)', async () => {
    const caller = expectStatus(await http.get('/api/auth/caller', engine.tokens(B).auditor), 200).body;
    expect(caller).toMatchObject({ role: 'auditor', organisationId: B });
    expect(JSON.stringify(caller)).not.toContain(A);
  });

  it('keeps A’s notifications, outbox and supplier contacts from B', async () => {
    const a = engine.tokens(A, { factories: [factoryId] });
    const b = engine.tokens(B, { factories: [factoryId] });
    expectStatus(
      await http.post('/api/supplier-contacts', a.contract_manager, {
        supplierId: 'dell',
        contactId: 'desk',
        name: 'Dell compliance desk',
        email: 'desk@dell.example',
      }),
      201,
    );
    // A's officer is known (signed in), and is told of a new grievance.
    expectStatus(await http.get('/api/notifications', a.compliance_officer), 200);
    expectStatus(
      await http.post('/api/grievances', a.monitor, {
        grievanceId: `told-${randomUUID()}`,
        factoryId,
        channel: 'independent_monitor',
        anonymous: true,
        allegation: 'unpaid overtime',
        workersConcerned: 4,
        severity: 'low',
        acknowledgeWithinDays: 7,
      }),
      201,
    );
    const told = await eventually(async () => {
      const page = expectStatus(await http.get('/api/notifications', a.compliance_officer), 200).body;
      return page.items.length > 0 ? page.items[0] : undefined;
    });
    expect(expectStatus(await http.get('/api/notifications', b.compliance_officer), 200).body.items).toEqual([]);
    expect(expectStatus(await http.get('/api/supplier-contacts', b.auditor), 200).body.items).toEqual([]);
    expect(expectStatus(await http.get('/api/notification-deliveries', b.auditor), 200).body.items).toEqual([]);
    // B marking A's notification read is answered as for an id nobody holds, and changes nothing.
    const theirs = await http.post(`/api/notifications/${told.notificationId}/read`, b.compliance_officer);
    const guessed = randomUUID();
    const missing = await http.post(`/api/notifications/${guessed}/read`, b.compliance_officer);
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(theirs.body).split(told.notificationId).join('<id>')).toEqual(
      JSON.stringify(missing.body).split(guessed).join('<id>'),
    );
    const still = expectStatus(await http.get('/api/notifications', a.compliance_officer), 200).body.items;
    expect(
      still.find((item: { notificationId: string }) => item.notificationId === told.notificationId).readAt,
    ).toBeNull();
  });

  it('shares the factory registry: B may update the profile of a factory A registered', async () => {
    expectStatus(
      await http.post(`/api/factories/${factoryId}/profile-updates`, engine.tokens(B).contract_manager, {
        changes: { numberOfWorkers: 950 },
      }),
      201,
    );
  });

  // Item by item, every place one aggregate names another: B may name only its own. Naming A's case
  // or finding answers like naming one that does not exist (422 reference.not_found, same body but
  // for the id), and B's streams gain nothing.
  it('does not let B name A’s case or finding in anything B records, and answers as for an unknown id', async () => {
    const b = engine.tokens(B, { factories: [factoryId] });
    const bCase = expectStatus(
      await http.post('/api/cases', b.contract_manager, {
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
    expectStatus(await http.post('/api/findings', b.compliance_officer, findingOf(bFinding)), 201);
    expectStatus(
      await http.post('/api/purchasing-practice-reviews', b.compliance_officer, {
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
        ['finding naming a case', '/api/findings', findingOf(`finding-${randomUUID()}`, aCase), 'compliance_officer'],
        [
          'breach confirmed on a case',
          `/api/findings/${bFinding}/breach-confirmation`,
          { reasons: 'r', caseId: aCase, contractorId: 'dell', remedyTimetable: timetable },
          'compliance_officer',
        ],
        [
          'grievance about a case',
          '/api/grievances',
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
          '/api/supply-standstills',
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
          '/api/supply-standstills',
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
          '/api/purchasing-practice-reviews',
          { reviewId: `review-${randomUUID()}`, caseId: aCase, findingIds: [bFinding], scope: 's' },
          'contract_manager',
        ],
        [
          'review of a finding',
          '/api/purchasing-practice-reviews',
          { reviewId: `review-${randomUUID()}`, caseId: bCase, findingIds: [aFinding], scope: 's' },
          'contract_manager',
        ],
        [
          'finding linked to a review',
          `/api/purchasing-practice-reviews/${bReview}/findings`,
          { findingId: aFinding, practice: 'price', observation: 'o' },
          'contract_manager',
        ],
        [
          'clause breach citing a finding',
          `/api/cases/${bCase}/contract/clause-breaches`,
          { clauseId: 'factory-disclosure', breachId: `b-${randomUUID()}`, description: 'd', findingId: aFinding },
          'contract_manager',
        ],
        [
          'termination citing a finding',
          `/api/cases/${bCase}/contract/termination`,
          { reasons: 'r', findingId: aFinding },
          'compliance_officer',
        ],
      ] as const;
    const typesOfB = async () =>
      [
        ...(await engine.store.readStream(findingStreamId(B, bFinding))),
        ...(await engine.store.readStream(procurementCaseStreamId(B, bCase))),
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
      (await engine.store.readStream(procurementCaseStreamId(A, caseId))).filter(
        (e) => e.metadata.organisationId === B,
      ),
    ).toEqual([]);
  });

  // The tender's and the contract's read models: B sees nothing of A's, and within A a supplier sees
  // its own bid, and the contract's years and terms only when it holds the contract.
  it('keeps A’s bids, contract years and obligations from B, and each of A’s suppliers to its own', async () => {
    const signed = randomUUID();
    await seedSignedContract(engine.store, signed, A);
    // Seeded through the command path, not HTTP: later reads wait for its last event.
    http.readAfter((await engine.store.readStream(procurementCaseStreamId(A, signed))).at(-1)!.position);
    const b = engine.tokens(B, { supplierId: 'supplier-bid-a' });
    const guessed = randomUUID();
    for (const path of [
      `/api/cases/${signed}/requirements`,
      `/api/cases/${signed}/bids`,
      `/api/cases/${signed}/contract/cycles`,
    ])
      for (const role of ['auditor', 'supplier'] as const) {
        const theirs = await http.get(path, b[role]);
        const missing = await http.get(path.replace(signed, guessed), b[role]);
        expect({ path, role, status: theirs.status }).toEqual({ path, role, status: 404 });
        expect(JSON.stringify(theirs.body).split(signed).join('<id>')).toEqual(
          JSON.stringify(missing.body).split(guessed).join('<id>'),
        );
      }
    const supplierOfA = (supplierId: string) => engine.tokens(A, { supplierId }).supplier;
    const [winner, loser, stranger] = ['supplier-bid-a', 'supplier-bid-b', 'supplier-elsewhere'].map(supplierOfA);
    const listed = async (path: string, token: string) =>
      JSON.stringify(expectStatus(await http.get(path, token), 200).body);
    // The contract's year-1 disclosure is owed by A's winner, and shown to nobody else.
    expect(await listed(`/api/obligations?caseId=${signed}`, winner)).toContain('supply_chain_disclosure');
    for (const path of ['/api/cases', '/api/questionnaires', '/api/obligations', '/api/complaints'])
      expect({ path, body: await listed(path, b.auditor) }).not.toMatchObject({
        body: expect.stringContaining(signed),
      });
    for (const path of ['/api/cases', '/api/questionnaires', '/api/obligations'])
      expect({ path, body: await listed(path, b.supplier) }).not.toMatchObject({
        body: expect.stringContaining(signed),
      });
    expect(await listed('/api/obligations', loser)).not.toContain(signed);
    expect(await listed('/api/cases', stranger)).not.toContain(signed);
    expect(await listed('/api/cases', loser)).toContain(signed);

    const bidsOf = async (token: string) =>
      expectStatus(await http.get(`/api/cases/${signed}/bids`, token), 200).body.items.map(
        (bid: { bidId: string }) => bid.bidId,
      );
    expect(await bidsOf(winner)).toEqual(['bid-a']);
    expect(await bidsOf(loser)).toEqual(['bid-b']);
    expect(await bidsOf(engine.tokens(A).auditor)).toEqual(['bid-a', 'bid-b']);
    expect((await http.get(`/api/cases/${signed}/bids`, stranger)).status).toBe(404);

    // The loser reads the award notice, never the contract's terms or years.
    const requirements = async (token: string) =>
      expectStatus(await http.get(`/api/cases/${signed}/requirements`, token), 200).body;
    expect(await requirements(loser)).toMatchObject({ award: { supplierId: 'supplier-bid-a' }, contract: null });
    expect((await requirements(winner)).contract).toMatchObject({ supplierId: 'supplier-bid-a', contractYear: 1 });
    const cycles = async (token: string) =>
      expectStatus(await http.get(`/api/cases/${signed}/contract/cycles`, token), 200).body;
    expect(await cycles(loser)).toMatchObject({ items: [], contract: null });
    expect(await cycles(winner)).toMatchObject({
      items: [{ contractYear: 1, supplierId: 'supplier-bid-a' }],
      contract: { supplierId: 'supplier-bid-a' },
    });
  });

  // Reads of remedy: B's buyers, supplier and monitor (assigned to the same factory) get 404 for A's
  // finding, standstill and review as for ids nobody holds, and none of A's in their lists.
  it('keeps A’s findings, remedies, standstills and reviews out of B’s reads', async () => {
    const a = engine.tokens(A);
    const standstillCase = randomUUID();
    await seedSignedContract(engine.store, standstillCase, A);
    const standstillId = `standstill-${randomUUID()}`;
    expectStatus(
      await http.post('/api/supply-standstills', a.compliance_officer, {
        standstillId,
        factoryId: SEEDED_FACTORIES[0],
        caseId: standstillCase,
        contractorId: 'supplier-bid-a',
        findingIds: [ids.findingId],
        reasons: 'plan deadline missed',
      }),
      201,
    );
    // A reads its own (the reads wait for A's last write): the ids below are real.
    expect(expectStatus(await http.get(`/api/supply-standstills/${standstillId}`, a.auditor), 200).body.imposedBy).toBe(
      'dev-compliance-officer',
    );
    expect(expectStatus(await http.get(`/api/findings/${ids.findingId}`, a.auditor), 200).body.factoryId).toBe(
      factoryId,
    );
    expect(
      expectStatus(await http.get(`/api/purchasing-practice-reviews/${ids.reviewId}`, a.auditor), 200).body.caseId,
    ).toBe(caseId);
    const b = engine.tokens(B, { supplierId: 'supplier-bid-a', factories: [factoryId, SEEDED_FACTORIES[0]] });
    const details = [
      ['/api/findings/', ids.findingId, ['auditor', 'compliance_officer', 'supplier', 'monitor']],
      ['/api/supply-standstills/', standstillId, ['auditor', 'supplier', 'monitor']],
      ['/api/purchasing-practice-reviews/', ids.reviewId, ['auditor']],
    ] as const;
    for (const [path, id, roles] of details)
      for (const role of roles) {
        const guessed = `guess-${randomUUID()}`;
        const theirs = await http.get(`${path}${id}`, b[role]);
        const missing = await http.get(`${path}${guessed}`, b[role]);
        expect({ path, role, status: theirs.status }).toEqual({ path, role, status: 404 });
        expect(JSON.stringify(theirs.body).split(id).join('<id>')).toEqual(
          JSON.stringify(missing.body).split(guessed).join('<id>'),
        );
      }
    const lists = [
      ['/api/findings', ['auditor', 'supplier', 'monitor']],
      ['/api/remedies', ['auditor', 'supplier', 'monitor']],
      ['/api/supply-standstills', ['auditor', 'supplier', 'monitor']],
      ['/api/purchasing-practice-reviews', ['auditor']],
    ] as const;
    for (const [path, roles] of lists)
      for (const role of roles) {
        const listed = JSON.stringify(expectStatus(await http.get(path, b[role]), 200).body.items);
        for (const id of [ids.findingId, standstillId, ids.reviewId])
          expect({ path, role, holdsA: listed.includes(id) }).toEqual({ path, role, holdsA: false });
      }
    // A's own lists hold them: the empty lists above are B's scope, not an empty read model.
    expect(
      expectStatus(await http.get('/api/supply-standstills', a.auditor), 200).body.items.map(
        (s: { standstillId: string }) => s.standstillId,
      ),
    ).toContain(standstillId);
  }, 120_000);

  // Ids are each organisation's own (last here: from now on B holds ids equal to A's). B recording
  // under an id A holds creates B's own aggregate, answered as for an id nobody holds; A's are untouched,
  // and each reads its own back. Two breach workflows run for the two findings of one id.
  it('lets B use ids A already holds: B gets its own case, finding, grievance, review and standstill', async () => {
    const a = engine.tokens(A, { factories: [factoryId] });
    const b = engine.tokens(B, { factories: [factoryId] });
    const signedCaseId = randomUUID();
    const standstillId = `standstill-${randomUUID()}`;
    const timetable = {
      planDueWithinDays: 30,
      escalationAfterDays: {
        reminder: 0,
        escalated_to_compliance_officer: 7,
        supply_standstill: 21,
        termination_proposed: 35,
      },
    };
    // A signed contract under one case id for each buyer, through the command path (signing
    // through HTTP waits out an award standstill); A's standstill on it.
    for (const org of [A, B]) await seedSignedContract(engine.store, signedCaseId, org);
    const standstill = (id: string, findingId: string) => ({
      standstillId: id,
      factoryId: SEEDED_FACTORIES[0],
      caseId: signedCaseId,
      contractorId: 'supplier-bid-a',
      findingIds: [findingId],
      reasons: 'plan deadline missed',
    });
    expectStatus(
      await http.post('/api/supply-standstills', a.compliance_officer, standstill(standstillId, ids.findingId)),
      201,
    );
    const confirmation = {
      reasons: 'confirmed',
      caseId: signedCaseId,
      contractorId: 'supplier-bid-a',
      remedyTimetable: timetable,
    };
    expectStatus(
      await http.post(`/api/findings/${ids.findingId}/breach-confirmation`, a.compliance_officer, confirmation),
      201,
    );
    const streamsOf = (org: string) =>
      Promise.all(
        [
          procurementCaseStreamId(org, caseId),
          findingStreamId(org, ids.findingId),
          grievanceStreamId(org, ids.grievanceId),
          purchasingPracticeReviewStreamId(org, ids.reviewId),
          supplyStandstillStreamId(org, standstillId),
        ].map((stream) => engine.store.readStream(stream)),
      );
    const aBefore = (await streamsOf(A)).map((events) => events.map((event) => event.metadata.eventId));

    // Each of B's commands under A's id, and the same under an id nobody holds: 201 both, the same answer but for the id.
    const nobody = { case: randomUUID(), finding: `finding-${randomUUID()}`, grievance: `grievance-${randomUUID()}` };
    const recordings: [string, (id: string) => [string, object], string, string][] = [
      [
        'case',
        (id) => [
          '/api/cases',
          { caseId: id, title: 'Uniforms', productCategory: 'garments', countriesOfProduction: ['BD'] },
        ],
        caseId,
        nobody.case,
      ],
      [
        'finding',
        (id) => [
          '/api/findings',
          {
            findingId: id,
            factoryId,
            source: 'ngo_report',
            severity: 'high',
            standardBreached: 'ILO C1',
            workersAffected: 40,
            description: 'B’s own finding',
            evidenceRefs: [],
            shareableWithOtherBuyers: true,
          },
        ],
        ids.findingId,
        nobody.finding,
      ],
      [
        'grievance',
        (id) => [
          '/api/grievances',
          {
            grievanceId: id,
            factoryId,
            channel: 'independent_monitor',
            anonymous: true,
            allegation: 'B’s own grievance',
            workersConcerned: 4,
            severity: 'medium',
            acknowledgeWithinDays: 7,
          },
        ],
        ids.grievanceId,
        nobody.grievance,
      ],
      [
        'review',
        (id) => [
          '/api/purchasing-practice-reviews',
          { reviewId: id, caseId, findingIds: [ids.findingId], scope: 'prices' },
        ],
        ids.reviewId,
        `review-${randomUUID()}`,
      ],
      [
        'standstill',
        (id) => ['/api/supply-standstills', standstill(id, ids.findingId)],
        standstillId,
        `standstill-${randomUUID()}`,
      ],
    ];
    for (const [what, request, held, fresh] of recordings) {
      const [path, body] = request(held);
      const [freshPath, freshBody] = request(fresh);
      const role = what === 'case' || what === 'review' ? 'contract_manager' : 'compliance_officer';
      const onHeld = await http.post(path, b[role], body);
      const onFresh = await http.post(freshPath, b[role], freshBody);
      expect({ what, status: onHeld.status }).toEqual({ what, status: 201 });
      // The same answer but for the id and where the event landed in the log (each its own place).
      const answer = ({ position, ...rest }: { position: string }, id: string) => {
        expect(position).toMatch(/^\d+\/\d+$/);
        return JSON.stringify(rest).split(id).join('<id>');
      };
      expect(answer(onHeld.body, held)).toEqual(answer(onFresh.body, fresh));
    }
    // B's severe finding waits in B's inbox (A's, of medium severity, never did), until B confirms the breach.
    const inboxOf = async (token: string) =>
      expectStatus(await http.get('/api/inbox', token), 200)
        .body.items.filter((item: { subjectId: string }) => item.subjectId === ids.findingId)
        .map((item: { kind: string }) => item.kind);
    expect(await inboxOf(b.compliance_officer)).toEqual(['severe_finding']);
    expect(await inboxOf(a.compliance_officer)).toEqual([]);
    expectStatus(
      await http.post(`/api/findings/${ids.findingId}/breach-confirmation`, b.compliance_officer, confirmation),
      201,
    );
    expect(await inboxOf(b.compliance_officer)).toEqual([]);

    // A's streams are as they were (A's own workflows may have added to them); B's are B's alone.
    const aAfter = await streamsOf(A);
    aBefore.forEach((eventIds, i) =>
      expect(aAfter[i].slice(0, eventIds.length).map((e) => e.metadata.eventId)).toEqual(eventIds),
    );
    expect(aAfter.flat().filter((event) => event.metadata.organisationId !== A)).toEqual([]);
    const bStreams = await streamsOf(B);
    expect(bStreams.map((events) => events[0]?.type)).toEqual([
      'CaseOpened',
      'FindingRecorded',
      'GrievanceSubmitted',
      'PurchasingPracticeReviewOpened',
      'SupplyStandstillImposed',
    ]);
    expect(bStreams.flat().filter((event) => event.metadata.organisationId !== B)).toEqual([]);

    // Each reads its own back: case, timeline, registry, grievances, inbox, escalations, workflow status
    // (each read waits for the last command's position: no polling).
    const read = async (path: string, token: string) => expectStatus(await http.get(path, token), 200).body;
    expect((await read(`/api/cases/${caseId}`, b.auditor)).title).toBe('Uniforms');
    expect((await read(`/api/cases/${caseId}`, a.auditor)).title).toBe('Computers');
    const openedTitle = async (token: string) =>
      (await read(`/api/cases/${caseId}/timeline`, token)).items[0].data.title;
    expect(await openedTitle(b.auditor)).toBe('Uniforms');
    expect(await openedTitle(a.auditor)).toBe('Computers');
    const grievancesOf = async (token: string) =>
      (await read('/api/grievances', token)).items
        .filter((g: { grievanceId: string }) => g.grievanceId === ids.grievanceId)
        .map((g: { allegation: string }) => g.allegation);
    expect(await grievancesOf(b.compliance_officer)).toEqual(['B’s own grievance']);
    expect(await grievancesOf(a.compliance_officer)).toEqual(['overtime unpaid']);
    // The registry shows each buyer its own finding of that id, and B's shareable one to A as well.
    const registry = async (token: string) =>
      (await read(`/api/factories/${factoryId}`, token)).findings
        .filter((f: { findingId: string }) => f.findingId === ids.findingId)
        .map((f: { recordedByOrganisationId: string }) => f.recordedByOrganisationId)
        .sort();
    expect(await registry(b.auditor)).toEqual([B]);
    expect(await registry(a.auditor)).toEqual([B, A].sort());
    const escalationsOf = async (token: string) =>
      (await read('/api/escalations', token)).items
        .filter((e: { findingId: string }) => e.findingId === ids.findingId)
        .map((e: { caseId: string; workersAffected: number }) => [e.caseId, e.workersAffected]);
    expect(await escalationsOf(b.compliance_officer)).toEqual([[signedCaseId, 40]]);
    expect(await escalationsOf(a.compliance_officer)).toEqual([[signedCaseId, 12]]);
    // Two breach-escalation workflows for the one finding id: each buyer's status is its own.
    const escalationOf = (token: string) => read(`/api/findings/${ids.findingId}/escalation`, token);
    expect((await escalationOf(a.compliance_officer)).status).not.toBe('starting');
    expect((await escalationOf(b.compliance_officer)).status).not.toBe('starting');
    const runIds = await Promise.all(
      [A, B].map(async (org) => {
        const description = await engine.temporalClient.workflow
          .getHandle(breachEscalationWorkflowId(org, ids.findingId))
          .describe();
        return description.runId;
      }),
    );
    expect(new Set(runIds).size).toBe(2);
  }, 180_000);

  it('keeps a grievance a worker files without sign-in to the buyer it names; its receipt names no buyer', async () => {
    const file = async (organisationId: string, allegation: string) =>
      expectStatus(
        await http.call('POST', '/api/public/grievances', '', {
          organisationId,
          factoryId,
          allegation,
          workersConcerned: 5,
        }),
        201,
      ).body as { receiptCode: string; position: string };
    const forA = await file(A, 'A’s worker: wages withheld');
    const forB = await file(B, 'B’s worker: locked fire exit');
    http.readAfter(forB.position);
    const a = engine.tokens(A);
    const b = engine.tokens(B);
    const filedOnline = async (token: string) =>
      expectStatus(await http.get('/api/grievances', token), 200)
        .body.items.filter((g: { channel: string }) => g.channel === 'online_form')
        .map((g: { grievanceId: string; allegation: string }) => [g.grievanceId, g.allegation]);
    const [[grievanceOfA, allegationOfA]] = await filedOnline(a.compliance_officer);
    expect(allegationOfA).toBe('A’s worker: wages withheld');
    expect((await filedOnline(b.compliance_officer)).map(([, allegation]: string[]) => allegation)).toEqual([
      'B’s worker: locked fire exit',
    ]);
    // B cannot read or acknowledge A's, as for a grievance that does not exist.
    expect((await http.get(`/api/grievances/${grievanceOfA}`, b.auditor)).status).toBe(404);
    expect(
      (await http.post(`/api/grievances/${grievanceOfA}/acknowledgement`, b.compliance_officer, { message: 'x' }))
        .status,
    ).toBe(404);
    // Each code opens its own grievance's status, which names no buyer, factory or allegation.
    for (const { receiptCode } of [forA, forB]) {
      const status = expectStatus(
        await http.call('GET', '/api/public/grievances/status', '', undefined, { 'grievance-receipt': receiptCode }),
        200,
      ).body;
      expect(status.status).toBe('submitted');
      expect(JSON.stringify(status)).not.toMatch(/stockholm|madison|f-shared|worker/);
    }
  }, 60_000);

  it('keeps each buyer’s risk lists apart: the same list id is a list of its own for each buyer', async () => {
    const csv = 'category,country,level\nElectronics,CN,high\n';
    const listId = `us-dol-${randomUUID()}`;
    const importAs = (token: string) =>
      http.post(`/api/risk-lists/${listId}/imports`, token, { source: 'US DoL', publishedOn: '2024-09-05', csv });
    const a = engine.tokens(A);
    const b = engine.tokens(B);
    expect(expectStatus(await importAs(a.compliance_officer), 201).body.revision).toBe(0);
    // B's first import of the same id starts B's own list: it is not A's version 2.
    expect(expectStatus(await importAs(b.compliance_officer), 201).body.revision).toBe(0);
    expect(expectStatus(await importAs(a.contract_manager), 201).body.revision).toBe(1);
  }, 60_000);

  it('lets another buyer into a cooperative contract only as far as the lead admits it', async () => {
    const caseId = `coop-${randomUUID()}`;
    await seedSignedContract(engine.store, caseId, A);
    const signedStream = await engine.store.readStream(procurementCaseStreamId(A, caseId));
    const signing = signedStream.find((event) => event.type === 'ContractSigned')!.data as { signedAt: string };
    const a = engine.tokens(A);
    const b = engine.tokens(B);
    const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
    const terms = {
      contractId: 'contract-1',
      supplierId: 'supplier-bid-a',
      signedAt: signing.signedAt,
      currency: 'USD',
      compliancePlanThreshold: usd(2_500_000),
      rebateTiers: [{ fromMinor: 10_000_100, rateBasisPoints: 100 }],
    };
    // B opening "its" case of that id names its own case, which does not exist.
    expect((await http.post(`/api/cases/${caseId}/cooperative-contract`, b.contract_manager, terms)).body.code).toBe(
      'reference.not_found',
    );
    expectStatus(await http.post(`/api/cases/${caseId}/cooperative-contract`, a.contract_manager, terms), 201);
    const base = `/api/cooperative-contracts/${A}/${caseId}`;
    // Before admission B may only ask: it reads nothing, orders nothing, decides and pays nothing.
    expect((await http.get(base, b.auditor)).status).toBe(404);
    expect((await http.post(`${base}/orders`, b.contract_manager, { orderId: 'po-b', amount: usd(100) })).status).toBe(
      404,
    );
    expectStatus(await http.post(`${base}/join-requests`, b.contract_manager, { agencyName: 'Madison' }), 201);
    expect((await http.get(base, b.auditor)).status).toBe(404);
    expect(
      (await http.post(`${base}/join-requests/${B}/decision`, b.contract_manager, { decision: 'accept' })).status,
    ).toBe(404);
    const payment = { paymentId: 'p-b', amount: usd(1), payee: 'x', purpose: 'y' };
    expect((await http.post(`${base}/monitoring-payments`, b.compliance_officer, payment)).status).toBe(404);
    // The contract itself stays A's: B cannot amend it.
    const amendment = {
      amendmentId: 'am-b',
      legalBasis: 'unforeseen_circumstances',
      rationale: 'x',
      procurementNature: 'supplies',
      changes: { value: usd(100) },
      altersOverallNature: false,
    };
    expect((await http.post(`/api/cases/${caseId}/amendments`, b.contract_manager, amendment)).status).toBe(404);
    // Admitted, B reads the contract, with its own orders only, and no fund or other agency.
    expectStatus(
      await http.post(`${base}/join-requests/${B}/decision`, a.contract_manager, { decision: 'accept' }),
      201,
    );
    expectStatus(await http.post(`${base}/orders`, a.contract_manager, { orderId: 'po-a', amount: usd(500) }), 201);
    expectStatus(await http.post(`${base}/orders`, b.contract_manager, { orderId: 'po-b', amount: usd(100) }), 201);
    const seenByB = expectStatus(await http.get(base, b.auditor), 200).body;
    expect(seenByB.orders.map((order: { orderId: string }) => order.orderId)).toEqual(['po-b']);
    expect(seenByB.fundBalance).toBeUndefined();
    expect(expectStatus(await http.get(base, a.auditor), 200).body.orders).toHaveLength(2);
  }, 60_000);
});
