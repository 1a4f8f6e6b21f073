import { createHash } from 'node:crypto';
import { grievanceStreamId, periodEndsAt } from '@pj/domain';
import { seedFactory } from './support/seed-journey';
import { SCC } from './support/journey';
import { body, startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type Answer } from './support/http';

// The workers' own door over HTTP, without a token: a worker files an anonymous grievance, keeps the
// receipt code and follows the status with it while the buyer acts. Nothing about the sender is
// stored or logged: the client address (also as X-Forwarded-For) and the user agent are looked for
// in the stored events, the buyer's read of the grievance and everything the process wrote.
const FACTORY = 'factory-big';
const FORWARDED_FOR = '203.0.113.77';
const USER_AGENT = 'WorkerPhone/7.1 (marker-ua-5d1f)';

let engine: TestEngine;
let output = '';
const originals = [process.stdout.write, process.stderr.write] as const;
beforeAll(async () => {
  // Everything the process writes (Nest's log, as in production) is kept to look for the sender in.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      output += String(chunk);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  engine = await startTestEngine({}, { logs: true });
  await seedFactory(engine.store, FACTORY, SCC);
}, 120_000);
afterAll(async () => {
  [process.stdout.write, process.stderr.write] = originals;
  await engine?.stop();
}, 60_000);

/** A request as a worker's phone sends it: no token, behind a proxy that names the client. */
async function asWorker(method: string, path: string, init: { body?: object; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${engine.baseUrl}/api${path}`, {
    method,
    headers: {
      'user-agent': USER_AGENT,
      'x-forwarded-for': FORWARDED_FOR,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined } as Answer;
}

const statusOf = (receiptCode: string, position?: string) =>
  asWorker('GET', '/public/grievances/status', {
    headers: { 'grievance-receipt': receiptCode, ...(position ? { 'min-log-position': position } : {}) },
  });

it('files an anonymous grievance without sign-in and follows it by receipt code while the buyer acts', async () => {
  const filed = expectStatus(
    await asWorker('POST', '/public/grievances', {
      body: {
        organisationId: SCC,
        factoryId: FACTORY,
        allegation: 'Overtime on line 4 has not been paid for three months',
        workersConcerned: 40,
      },
    }),
    201,
  ).body;
  expect(filed.receiptCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);

  // The status and its dates, nothing else: not the factory, the buyer, the allegation or anyone's name.
  const submitted = expectStatus(await statusOf(filed.receiptCode, filed.position), 200).body;
  expect(Object.keys(submitted).sort()).toEqual([
    'acknowledgeBy',
    'acknowledgedAt',
    'closedAt',
    'status',
    'submittedAt',
  ]);
  expect(submitted).toMatchObject({ status: 'submitted', submittedAt: filed.submittedAt, acknowledgedAt: null });
  // Seven days from the day after filing, to the end of the last (no BUYER_CALENDARS here: UTC, weekends moved).
  expect(submitted.acknowledgeBy).toBe(periodEndsAt({ timeZone: 'UTC' }, filed.submittedAt, 7));
  // Typed back in lower case with spaces, it is the same code.
  expect((await statusOf(filed.receiptCode.toLowerCase().replace(/-/g, ' '))).body.status).toBe('submitted');

  // The buyer sees it among its grievances, anonymous and from the online form, and acknowledges it.
  const http = httpClient(engine);
  const officer = engine.tokens(SCC).compliance_officer;
  const listed = expectStatus(await http.get('/api/grievances?factoryId=' + FACTORY, officer), 200).body.items;
  const grievance = listed.find((g: { channel: string }) => g.channel === 'online_form');
  expect(grievance).toMatchObject({ anonymous: true, workersConcerned: 40, severity: 'medium' });
  const acknowledged = expectStatus(
    await http.post(`/api/grievances/${grievance.grievanceId}/acknowledgement`, officer, {
      message: 'We received your report; nobody at the factory will learn who sent it.',
    }),
    201,
  ).body;
  const after = expectStatus(await statusOf(filed.receiptCode, acknowledged.position), 200).body;
  expect(after.status).toBe('acknowledged');
  expect(Date.parse(after.acknowledgedAt)).toBeGreaterThanOrEqual(Date.parse(filed.submittedAt));

  // What is kept: the code's digest, never the code; taken in by the role `worker` as `anonymous`.
  const events = await engine.store.readStream(grievanceStreamId(SCC, grievance.grievanceId));
  const submittedEvent = events.find((e) => e.type === 'GrievanceSubmitted')!;
  expect(submittedEvent.data).toMatchObject({
    anonymous: true,
    channel: 'online_form',
    receiptDigest: createHash('sha256').update(filed.receiptCode.replace(/-/g, '')).digest('hex'),
  });
  expect(submittedEvent.data).not.toHaveProperty('receivedBy');
  expect(submittedEvent.metadata.actor).toEqual({ id: 'anonymous', role: 'worker' });

  // Nothing that identifies the sender, in the store, the buyer's read or anything the process wrote.
  const stored = JSON.stringify([events.map((e) => [e.type, e.data, e.metadata]), listed]);
  for (const trace of [FORWARDED_FOR, '127.0.0.1', USER_AGENT, 'marker-ua', filed.receiptCode]) {
    expect(stored).not.toContain(trace);
    expect(output).not.toContain(trace);
  }
}, 120_000);

it('answers a wrong code 404 without repeating it, a missing one 400, and refuses bad filings recording nothing', async () => {
  const wrong = await statusOf('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  expect(wrong.status).toBe(404);
  expect(wrong.body.code).toBe('grievance_receipt.not_found');
  expect(JSON.stringify(wrong.body)).not.toContain('ZZZZ');
  expect((await statusOf('not a code')).status).toBe(404);
  const missing = await asWorker('GET', '/public/grievances/status');
  expect(missing.status).toBe(400);
  expect(missing.body.errors).toEqual([{ field: 'Grievance-Receipt', reason: 'is required' }]);

  const officer = engine.tokens(SCC).compliance_officer;
  const count = async () =>
    (await body(await fetch(`${engine.baseUrl}/api/grievances`, { headers: { authorization: `Bearer ${officer}` } })))
      .items.length;
  const before = await count();
  const refused = await asWorker('POST', '/public/grievances', {
    body: { organisationId: SCC, factoryId: FACTORY, allegation: '', workersConcerned: 0 },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['allegation', 'workersConcerned']);
  const unknownFactory = await asWorker('POST', '/public/grievances', {
    body: { organisationId: SCC, factoryId: 'no-such-factory', allegation: 'unpaid', workersConcerned: 3 },
  });
  expect(unknownFactory.status).toBe(422);
  expect(unknownFactory.body.code).toBe('reference.not_found');
  expect(await count()).toBe(before);
}, 60_000);
