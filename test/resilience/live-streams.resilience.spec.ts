import { Agent, request, type IncomingMessage } from 'node:http';
import { Client } from 'pg';
import { procurementCaseStreamId } from '@pj/domain';
import { formatPosition } from '@pj/event-store';
import { createScratchDatabase, type ScratchDatabase } from '../../libs/event-store/src/testing/scratch-database';
import { testDatabaseUrl } from '../../libs/event-store/src/testing/test-database';
import { eventually, startTestEngine, type TestEngine } from '../support/engine';
import { expectStatus, httpClient } from '../support/http';
import { SCC } from '../support/journey';
import { reportFigures } from './support/figures';

// 500 clients follow one case live (GET /cases/:id/events) while commands go on: all of them get
// the event recorded after they connected, exactly once; the engine's database connections do not
// grow with them (one shared reader of the log per process); the stream past the cap gets 503.

const STREAMS = 500;
const COMMANDS = 40;

interface SseMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
}

/** One live-update client on its own socket, parsing the event stream as it comes. */
interface LiveClient {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly messages: SseMessage[];
  readonly heartbeats: () => number;
  readonly body: () => string;
  close(): void;
}

const sockets = new Agent({ keepAlive: false, maxSockets: Infinity });

function openStream(url: string, token: string, lastEventId?: string): Promise<LiveClient> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent: sockets,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'text/event-stream',
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
      },
      (response) => {
        const messages: SseMessage[] = [];
        let heartbeats = 0;
        let text = '';
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk.length < 2000 && response.statusCode !== 200 ? chunk : '';
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const message: Record<string, string> = {};
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) heartbeats += line.includes('heartbeat') ? 1 : 0;
              const colon = line.indexOf(': ');
              if (colon > 0) message[line.slice(0, colon)] = line.slice(colon + 2);
            }
            if (message.data !== undefined || message.event !== undefined) messages.push(message);
          }
        });
        response.on('error', () => undefined);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          messages,
          heartbeats: () => heartbeats,
          body: () => text,
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Backends connected to one database, this probe's own connection left out. */
async function backends(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [row] = (
      await client.query<{ count: string }>(
        'SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      )
    ).rows;
    return Number(row.count);
  } finally {
    await client.end();
  }
}

function describeLiveStreams(storeName: 'postgres' | 'pglite') {
  describe(`${STREAMS} live-update streams on ${storeName}`, () => {
    let database: ScratchDatabase | undefined;
    let engine: TestEngine;

    beforeAll(async () => {
      database = storeName === 'postgres' ? await createScratchDatabase(testDatabaseUrl(), 'pj_live') : undefined;
      engine = await startTestEngine({
        ...(database ? { EVENT_STORE: 'postgres', DATABASE_URL: database.url } : {}),
        LIVE_STREAMS_MAX: String(STREAMS),
        LIVE_HEARTBEAT_SECONDS: '1',
      });
    }, 120_000);
    let clients: LiveClient[] = [];
    afterAll(async () => {
      for (const client of clients) client.close();
      await engine?.stop();
      await database?.drop();
    }, 120_000);

    it('delivers the new event to every stream once, keeps commands and connections steady, refuses one past the cap', async () => {
      const http = httpClient(engine);
      const tokens = engine.tokens(SCC);
      const opened = expectStatus(
        await http.post('/api/cases', tokens.contract_manager, {
          title: 'Followed live',
          productCategory: 'electronics',
          countriesOfProduction: ['CN'],
        }),
        201,
      );
      const caseId: string = opened.body.id;
      const streamId = procurementCaseStreamId(SCC, caseId);
      const history = await eventually(async () => {
        const events = await engine.store.readStream(streamId);
        return events.some((event) => event.type === 'RiskScreened') ? events : undefined;
      });
      const backendsBefore = database ? await backends(database.url) : undefined;

      // Half start from the beginning of the case, half resume after its last event.
      const url = `${engine.baseUrl}/api/cases/${caseId}/events`;
      const resumeFrom = formatPosition(history[history.length - 1].position);
      clients = await Promise.all(
        Array.from({ length: STREAMS }, (_, n) =>
          openStream(url, tokens.auditor, n % 2 === 0 ? undefined : resumeFrom),
        ),
      );
      const streamsOpened = clients.filter((client) => client.status === 200).length;
      expect(streamsOpened).toBe(STREAMS);
      // The fresh half is sent the case so far; the resumed half nothing yet.
      await eventually(async () =>
        clients.every((client, n) => client.messages.length >= (n % 2 === 0 ? history.length : 0)) ? true : undefined,
      );

      // One more is refused, as problem details that say when to come back.
      const refused = await openStream(url, tokens.auditor);
      await new Promise((resolve) => setTimeout(resolve, 200));
      refused.close();

      // Commands go on while the streams are open; their events belong to other cases.
      const answers: { status: number; id?: string }[] = [];
      for (let n = 0; n < COMMANDS; n += 4)
        answers.push(
          ...(await Promise.all(
            Array.from({ length: 4 }, async (_, k) => {
              const answer = await http.post('/api/cases', tokens.contract_manager, {
                title: `Meanwhile ${n + k}`,
                productCategory: 'textiles',
                countriesOfProduction: ['BD'],
              });
              return { status: answer.status, id: answer.body?.id as string | undefined };
            }),
          )),
        );
      const acknowledged = answers.filter((answer) => answer.status >= 200 && answer.status < 300);
      const serverErrors = answers.filter((answer) => answer.status >= 500).length;
      let lostCommands = 0;
      for (const answer of acknowledged)
        if ((await engine.store.readStream(procurementCaseStreamId(SCC, answer.id!))).length === 0) lostCommands++;
      const backendsDuring = database ? await backends(database.url) : undefined;

      // The event recorded after every client joined.
      expectStatus(
        await http.post(`/api/cases/${caseId}/policy`, tokens.contract_manager, {
          policyRef: 'scc-code-of-conduct-2012',
          codeOfConductStandards: ['ILO C1', 'ILO C29', 'ILO C138', 'ILO C182'],
          includesLawOfCountryOfProduction: true,
        }),
        201,
      );
      const received = (client: LiveClient) => client.messages.filter((m) => m.event === 'PolicyAdopted').length;
      await eventually(async () => (clients.every((client) => received(client) > 0) ? true : undefined), 60_000).catch(
        () => undefined,
      );
      const streamsReceived = clients.filter((client) => received(client) > 0).length;
      await eventually(
        async () => (clients.every((client) => client.heartbeats() > 0) ? true : undefined),
        10_000,
      ).catch(() => undefined);
      const streamsWithHeartbeats = clients.filter((client) => client.heartbeats() > 0).length;

      // Exactly the case's own events, each once, in order.
      const caseEvents = await engine.store.readStream(streamId);
      const ids = caseEvents.map((event) => formatPosition(event.position));
      let duplicated = 0;
      let foreign = 0;
      for (const [n, client] of clients.entries()) {
        const got = client.messages.map((message) => message.id!);
        duplicated += got.length - new Set(got).size;
        foreign += got.filter((id) => !ids.includes(id)).length;
        const expected = n % 2 === 0 ? ids : ids.slice(history.length);
        expect(got).toEqual(expected.slice(0, got.length));
      }
      for (const client of clients) client.close();

      // The streams' places are given back: one opens again.
      await eventually(async () => {
        const again = await openStream(url, tokens.auditor);
        again.close();
        return again.status === 200 ? true : undefined;
      });
      const backendsAfter = database ? await backends(database.url) : undefined;

      reportFigures(`${STREAMS} live-update streams (${storeName})`, {
        acknowledged: acknowledged.length,
        lost: STREAMS - streamsReceived + lostCommands,
        duplicated,
        serverErrors,
        extra: {
          streamsOpened,
          streamsReceivedEvent: streamsReceived,
          lostCommands,
          refusedPastCap: refused.status,
          foreignEvents: foreign,
          streamsWithHeartbeats,
          ...(database
            ? { backendsBefore: backendsBefore!, backendsWithStreams: backendsDuring!, backendsAfter: backendsAfter! }
            : {}),
        },
      });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(refused.body())).toMatchObject({ status: 503 });
      expect(streamsReceived).toBe(STREAMS);
      expect(streamsWithHeartbeats).toBe(STREAMS);
      expect(duplicated).toBe(0);
      expect(foreign).toBe(0);
      expect(acknowledged).toHaveLength(COMMANDS);
      expect(lostCommands).toBe(0);
      expect(serverErrors).toBe(0);
      // One reader of the log for all the streams: at most the pool's growth under the commands.
      if (database) expect(backendsDuring! - backendsBefore!).toBeLessThan(10);
    }, 300_000);
  });
}

describeLiveStreams('postgres');
describeLiveStreams('pglite');
