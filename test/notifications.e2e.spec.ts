import { createServer, type Server } from 'node:http';
import { JwtService } from '@nestjs/jwt';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_WEBHOOK_SECRET } from '@pj/config';
import { MailSink, verifyWebhook, type CaughtMail } from '@pj/notifications';
import { body, eventually, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, inSeconds, type HttpClient } from './support/http';
import { driveToSignedContract, FACTORIES, SCC } from './support/journey';

/** A person's token with the claims the directory records (name, e-mail, language). */
const personToken = (claims: Record<string, unknown>) =>
  new JwtService({ secret: DEVELOPMENT_JWT_SECRET, signOptions: { expiresIn: '1h' } }).sign(claims);

/** A buyer's own system: checks every signature, refuses each delivery's first two attempts. */
class WebhookReceiver {
  readonly calls: { key: string; body: string; signed: boolean }[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = String(request.headers['idempotency-key']);
      const signature = request.headers['webhook-signature'] as string | undefined;
      const signed = verifyWebhook(DEVELOPMENT_WEBHOOK_SECRET, body, signature, Math.floor(Date.now() / 1000));
      this.calls.push({ key, body, signed });
      const attempt = this.calls.filter((call) => call.key === key).length;
      response.statusCode = !signed ? 401 : attempt <= 2 ? 503 : 204;
      response.end();
    });
  });
  url = '';
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/hooks`;
    return this.url;
  }
  stop = () => new Promise<void>((resolve) => this.server.close(() => resolve()));
}

const to = (sink: MailSink, address: string): CaughtMail[] => sink.mails.filter((mail) => mail.to.includes(address));

describe('people are told: mail, signed webhooks, the in-app inbox and preferences', () => {
  let engine: TestEngine;
  let http: HttpClient;
  const sink = new MailSink();
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    const smtpUrl = await sink.start();
    const webhook = await receiver.start();
    engine = await startTestEngine({
      SMTP_URL: smtpUrl,
      NOTIFICATION_WEBHOOKS: `${SCC}=${webhook},parked-org=http://127.0.0.1:9/unreachable`,
      NOTIFICATION_RETRY_SECONDS: '0.2',
      NOTIFICATION_MAX_ATTEMPTS: '3',
      NOTIFICATION_DIGEST_SECONDS: '12',
    });
    http = httpClient(engine);
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
    await sink.stop();
    await receiver.stop();
  }, 60_000);

  it('mails a breach climbing the ladder to the contractor and the officers, and signs every webhook', async () => {
    // The officers sign in with their e-mail; the buyer keeps Dell's compliance desk as a contact, in Spanish.
    const officer = personToken({
      sub: 'anna-officer',
      role: 'compliance_officer',
      org: SCC,
      email: 'officer@scc.example',
      name: 'Officer',
    });
    const manager = personToken({
      sub: 'erik-manager',
      role: 'contract_manager',
      org: SCC,
      email: 'manager@scc.example',
      locale: 'en',
    });
    expectStatus(await http.get('/api/notifications', officer), 200);
    expectStatus(await http.get('/api/notifications', manager), 200);
    expect(
      (
        await http.post('/api/supplier-contacts', officer, {
          supplierId: 'dell',
          contactId: 'desk',
          name: 'Dell',
          email: 'desk@dell.example',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await http.post('/api/supplier-contacts', manager, {
          supplierId: 'dell',
          contactId: 'desk',
          name: 'Dell',
          email: 'not-an-address',
        })
      ).status,
    ).toBe(400);
    expectStatus(
      await http.post('/api/supplier-contacts', manager, {
        supplierId: 'dell',
        contactId: 'desk',
        name: 'Dell supplier compliance desk',
        email: 'desk@dell.example',
        locale: 'es',
      }),
      201,
    );
    // The contract is signed: its due diligence asks Dell for compliance plans and a questionnaire.
    const { caseId, tokens, dell } = await driveToSignedContract(engine, http, 'Computers for county clinics');
    const [factoryId] = FACTORIES;
    const findingId = `danwatch-${caseId.slice(0, 8)}`;
    const asked = await eventually(async () => {
      const subjects = to(sink, 'desk@dell.example').map((mail) => mail.subject);
      return subjects.length >= 2 ? subjects : undefined;
    });
    expect(asked).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^Los planes de cumplimiento vencen el .* para el expediente ${caseId}$`)),
        expect.stringMatching(/^El cuestionario \S+ vence el /),
      ]),
    );
    const contacts = expectStatus(await http.get('/api/supplier-contacts?supplierId=dell', tokens.auditor), 200).body;
    expect(contacts.items).toEqual([
      expect.objectContaining({ contactId: 'desk', email: 'desk@dell.example', locale: 'es' }),
    ]);

    expectStatus(
      await http.post('/api/findings', tokens.monitor, {
        findingId,
        factoryId,
        caseId,
        source: 'ngo_report',
        severity: 'high',
        standardBreached: 'ILO C1 hours of work',
        workersAffected: 300,
        description: 'forced overtime',
        evidenceRefs: ['danwatch-2013-report'],
        shareableWithOtherBuyers: false,
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/findings/${findingId}/breach-confirmation`, officer, {
        reasons: 'conditions breach the code of conduct',
        contractorId: 'dell',
        remedyTimetable: {
          planDueWithinDays: 30,
          escalationAfterDays: {
            reminder: 0,
            escalated_to_compliance_officer: 0,
            supply_standstill: 0,
            termination_proposed: 0,
          },
        },
      }),
      201,
    );
    // The contractor is asked for its plan, in its contact's language.
    const requested = await eventually(async () =>
      to(sink, 'desk@dell.example').find((mail) => mail.subject.startsWith('Se requiere un plan')),
    );
    expect(requested.subject).toMatch(/^Se requiere un plan de acción correctiva/);
    expect(requested.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(requested.headers['message-id']).toBe(`<${requested.headers['idempotency-key']}@procurement-journey>`);

    const deadline = inSeconds(12);
    const action = (actionId: string, forAffectedWorkers: boolean) => ({
      actionId,
      action: 'cap weekly hours and pay arrears',
      forAffectedWorkers,
      responsibleParty: 'Dell',
      verificationMethod: 'third-party audit',
      deadline,
      consequenceIfNotDone: 'escalation',
    });
    await eventually(async () => {
      const status = await http.get(`/api/findings/${findingId}/escalation`, tokens.auditor);
      return status.body?.nextDeadlineKind === 'plan_due' ? true : undefined;
    });
    expectStatus(
      await http.post(`/api/findings/${findingId}/corrective-action-plan`, dell, {
        planId: 'cap-1',
        deadline,
        actions: [action('hours', false), action('wages', true)],
      }),
      201,
    );
    expectStatus(
      await http.post(`/api/findings/${findingId}/corrective-action-plan/approval`, officer, { planId: 'cap-1' }),
      201,
    );

    // The deadline slips: the ladder climbs to a termination proposal, and each step is mailed.
    const officerMails = await eventually(async () => {
      const mails = to(sink, 'officer@scc.example').map((mail) => mail.subject);
      return mails.some((subject) => subject.startsWith('Decision waiting: termination proposed')) ? mails : undefined;
    }, 90_000);
    expect(officerMails).toEqual(
      expect.arrayContaining([
        `Decision waiting: plan cap-1 for breach ${findingId}`,
        `Breach ${findingId} is escalated to you`,
        `Breach ${findingId}: a supply standstill is the next step`,
        `Decision waiting: termination proposed for breach ${findingId}`,
      ]),
    );
    // The same event's mails to others go out on their own workflows: they arrive in any order.
    const dellMails = await eventually(async () => {
      const subjects = to(sink, 'desk@dell.example').map((mail) => mail.subject);
      return subjects.length >= 3 ? subjects : undefined;
    }, 30_000);
    expect(dellMails).toEqual(
      expect.arrayContaining([
        `El plan cap-1 del incumplimiento ${findingId} está aprobado`,
        `Recordatorio: el incumplimiento ${findingId} va con retraso`,
      ]),
    );
    const managerMails = await eventually(async () => {
      const subjects = to(sink, 'manager@scc.example').map((mail) => mail.subject);
      return subjects.some((subject) => subject.startsWith('Decision waiting: termination')) ? subjects : undefined;
    }, 30_000);
    expect(managerMails).toContain(`Decision waiting: termination proposed for breach ${findingId}`);
    // Each mail once: one idempotency key per delivery.
    const keys = sink.mails.map((mail) => mail.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);

    // The officer's inbox holds the same, newest first; reading one marks it read.
    const inbox = expectStatus(await http.get('/api/notifications?kind=decision', officer), 200).body;
    expect(inbox.items.map((item: { subject: string }) => item.subject)).toContain(
      `Decision waiting: termination proposed for breach ${findingId}`,
    );
    const read = expectStatus(
      await http.post(`/api/notifications/${inbox.items[0].notificationId}/read`, officer),
      200,
    );
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await http.post(`/api/notifications/${inbox.items[0].notificationId}/read`, manager)).status).toBe(404);
    expect((await http.post(`/api/notifications/${inbox.items[0].notificationId}/read`, tokens.auditor)).status).toBe(
      403,
    );

    // The buyer's webhook: every call signed; each delivery refused twice, delivered on its third attempt
    // with the same key and the same body.
    const delivered = await eventually(async () => {
      const page = expectStatus(
        await http.get('/api/notification-deliveries?status=delivered&limit=100', tokens.auditor),
        200,
      ).body;
      const hooks = page.items.filter((item: { channel: string }) => item.channel === 'webhook');
      return hooks.length >= 5 ? hooks : undefined;
    }, 60_000);
    for (const delivery of delivered) {
      const calls = receiver.calls.filter((call) => call.key === delivery.deliveryId);
      expect(calls).toHaveLength(3);
      expect(calls.every((call) => call.signed)).toBe(true);
      expect(new Set(calls.map((call) => call.body)).size).toBe(1);
      expect(delivery.attempts).toBe(3);
      expect(JSON.parse(calls[0].body)).toMatchObject({ id: delivery.deliveryId, organisationId: SCC });
    }
    expect(receiver.calls.every((call) => call.signed)).toBe(true);
  }, 240_000);

  it('gives a digest user one mail for five events, an "off" user none, and never tells the worker', async () => {
    const org = 'digest-council';
    const officer = (sub: string) =>
      personToken({ sub, role: 'compliance_officer', org, email: `${sub}@council.example` });
    const [eager, digest, off] = ['eager', 'digester', 'silent'].map(officer);
    expectStatus(
      await http.call('PUT', '/api/notification-preferences/grievance', digest, { delivery: 'daily_digest' }),
      200,
    );
    expectStatus(await http.call('PUT', '/api/notification-preferences/grievance', off, { delivery: 'off' }), 200);
    expect(
      (await http.call('PUT', '/api/notification-preferences/grievance', off, { delivery: 'hourly' })).status,
    ).toBe(400);
    expect((await http.call('PUT', '/api/notification-preferences/gossip', off, { delivery: 'off' })).status).toBe(400);
    const eagerPreferences = expectStatus(await http.get('/api/notification-preferences', eager), 200).body;
    expect(eagerPreferences.preferences).toContainEqual({ kind: 'grievance', delivery: 'immediately' });
    const tokens = engine.tokens(org, { factories: ['f-digest'] });
    expectStatus(
      await http.post('/api/factories', tokens.contract_manager, {
        factoryId: 'f-digest',
        name: 'Digest garments',
        address: 'Dhaka',
        country: 'BD',
        tier: 1,
        products: ['uniforms'],
        numberOfWorkers: 800,
      }),
      201,
    );
    for (let n = 1; n <= 5; n++)
      expectStatus(
        await http.post('/api/grievances', tokens.monitor, {
          grievanceId: `g-digest-${n}`,
          factoryId: 'f-digest',
          channel: 'independent_monitor',
          anonymous: n !== 5,
          ...(n === 5 ? { complainant: { name: 'Li Wei', contact: 'via the union' } } : {}),
          allegation: 'overtime unpaid',
          workersConcerned: 12,
          severity: 'medium',
          acknowledgeWithinDays: 7,
        }),
        201,
      );
    await eventually(async () => (to(sink, 'eager@council.example').length >= 5 ? true : undefined), 60_000);
    const digests = await eventually(async () => {
      const mails = to(sink, 'digester@council.example');
      return mails.length > 0 ? mails : undefined;
    }, 60_000);
    // Another event would have to come after the digest was sent to start the next one: none does.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(to(sink, 'digester@council.example')).toHaveLength(1);
    expect(digests[0].subject).toBe('5 notifications from Procurement Journey');
    for (let n = 1; n <= 5; n++) expect(digests[0].text).toContain(`g-digest-${n}`);
    expect(to(sink, 'silent@council.example')).toHaveLength(0);
    // The silent officer still finds them in the inbox; nothing names the worker anywhere.
    const inbox = expectStatus(await http.get('/api/notifications?kind=grievance', off), 200).body;
    expect(inbox.items).toHaveLength(5);
    expect(JSON.stringify(sink.mails)).not.toContain('Li Wei');
    expect(JSON.stringify(inbox)).not.toContain('Li Wei');
  }, 120_000);

  it('parks a webhook delivery that fails every attempt and lists it for the organisation', async () => {
    const tokens = engine.tokens('parked-org', { factories: ['f-parked'] });
    expectStatus(
      await http.post('/api/factories', tokens.contract_manager, {
        factoryId: 'f-parked',
        name: 'Parked garments',
        address: 'Dhaka',
        country: 'BD',
        tier: 1,
        products: ['uniforms'],
        numberOfWorkers: 100,
      }),
      201,
    );
    expectStatus(
      await http.post('/api/grievances', tokens.monitor, {
        grievanceId: 'g-parked',
        factoryId: 'f-parked',
        channel: 'independent_monitor',
        anonymous: true,
        allegation: 'unpaid overtime',
        workersConcerned: 3,
        severity: 'low',
        acknowledgeWithinDays: 7,
      }),
      201,
    );
    const parked = await eventually(async () => {
      const page = expectStatus(
        await http.get('/api/notification-deliveries?status=parked', tokens.compliance_officer),
        200,
      ).body;
      return page.items.length > 0 ? page.items : undefined;
    }, 60_000);
    expect(parked[0]).toMatchObject({
      channel: 'webhook',
      status: 'parked',
      attempts: 3,
      eventType: 'GrievanceSubmitted',
    });
    expect(parked[0].lastError).toEqual(expect.any(String));
    // The operator's report shows it too: degraded (with 200), the outbox otherwise serving.
    const health = await fetch(`${engine.baseUrl}/api/health`);
    const report = await body(health);
    expect(report.notifications.parkedDeliveries).toBeGreaterThanOrEqual(1);
    expect(report.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/notification deliveries parked/)]));
    // Another buyer sees none of it.
    const other = expectStatus(
      await http.get('/api/notification-deliveries?status=parked', engine.tokens('digest-council').auditor),
      200,
    );
    expect(other.body.items).toEqual([]);
  }, 120_000);
});
