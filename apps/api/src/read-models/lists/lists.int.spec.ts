import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createScratchDatabase } from '@pj/audit/testing';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { currentSchemaVersion, procurementCaseStreamId } from '@pj/domain';
import { PgDriver, PgliteDriver, SqlEventStore, type LogPosition, type SqlDriver } from '@pj/event-store';
import { ProjectionRunner, readModelProjections, searchDocument } from '@pj/projections';
import type { Caller } from '../../auth/roles';
import { developmentTokens } from '../../auth/development-tokens';
import { createApi } from '../../create-api';
import type { ListQueryParams } from './list-params';
import { decimal, defineList, flag, instant, text, whole } from './list-spec';
import { findInList, runList } from './run-list';

// The one list mechanism on PGlite and on the PostgreSQL server: keyset paging that holds while
// rows are recorded, every sort both ways (nulls last), search, the organisation scope, refused
// cursors and sorts, and CSV. First on a table of its own, then through HTTP on the case board.
const ORG_A = 'stockholm-county-council';
const ORG_B = 'city-of-madison';

interface Item {
  itemId: string;
  name: string;
  dueAt: string | null;
  rank: number;
  big: number;
  amount: number | null;
  done: boolean;
}

const itemList = defineList<Item, { done?: boolean }>({
  name: 'test-items',
  from: 'lt_items',
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    itemId: text('item_id'),
    name: text('name'),
    dueAt: instant('due_at', { nullable: true }),
    rank: whole('rank'),
    big: whole('big', 'bigint'),
    amount: decimal('amount', { nullable: true }),
    done: flag('done'),
  },
  id: 'itemId',
  sorts: ['name', 'dueAt', 'rank', 'big', 'amount', { name: 'queue', keys: ['-done', 'dueAt', 'rank'] }],
  defaultSort: 'name',
  where: ({ done }, bind) => [done !== undefined && `done = ${bind(done)}`],
  search: 'search',
});

/** A row as inserted: `due` keeps its microseconds, which a JS Date would lose. */
interface Row {
  org: string;
  id: string;
  name: string;
  due: string | null;
  rank: number;
  big: string;
  done: boolean;
}

/** Deterministic data with many ties (names, ranks, instants a microsecond apart, nulls). */
function* rows(seed: number): Generator<Row> {
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state >>> 16) % n;
  };
  const names = ['Anna', 'anna', 'Örebro', 'Zeta', 'Éa', 'b', 'Shenzhen Precision', 'Müller Textil'];
  for (let i = 0; ; i += 1) {
    const micro = String(next(3)).padStart(6, '0');
    yield {
      org: next(4) === 0 ? ORG_B : ORG_A,
      id: `item-${seed}-${String(i).padStart(3, '0')}`,
      name: names[next(names.length)]!,
      due: next(4) === 0 ? null : `2026-03-0${1 + next(3)}T09:00:00.${micro}Z`,
      rank: next(5) - 2,
      big: String(BigInt(next(3)) * 2n ** 40n),
      done: next(2) === 0,
    };
  }
}

/** A numeric key derived from the row (fractions, negatives, ties, nulls) without changing the generated data. */
const amountOf = (row: Row): number | null => (row.rank === 0 ? null : row.rank + (row.done ? 0.25 : 0.5));

type Key = string | number | boolean | bigint | null;
const keyOf = (row: Row, field: string): Key =>
  ({ name: row.name, dueAt: row.due, rank: row.rank, big: BigInt(row.big), amount: amountOf(row), done: row.done })[
    field
  ] ?? null;

/** The order the database must give: each key nulls last, then the id (text in the C collation: UTF-16 order here). */
function expectedOrder(sort: string): (a: Row, b: Row) => number {
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  const keys = name === 'queue' ? ['-done', 'dueAt', 'rank'] : [name];
  return (a, b) => {
    for (const key of keys) {
      const down = key.startsWith('-') !== descending;
      const field = key.replace(/^-/, '');
      const [x, y] = [keyOf(a, field), keyOf(b, field)];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (down ? -1 : 1);
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

describe.each(['pglite', 'postgres'] as const)('lists on %s', (kind) => {
  let driver: SqlDriver;
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  let app: INestApplication;
  let baseUrl: string;
  let drop: (() => Promise<void>) | undefined;
  const a = developmentTokens(DEVELOPMENT_JWT_SECRET, ORG_A);
  const b = developmentTokens(DEVELOPMENT_JWT_SECRET, ORG_B);
  const callerA: Caller = { id: 'auditor-1', role: 'auditor', organisationId: ORG_A };

  beforeAll(async () => {
    if (kind === 'postgres') {
      const database = await createScratchDatabase('lists');
      drop = database.drop;
      driver = await PgDriver.open(database.url);
    } else driver = await PgliteDriver.open();
    store = await SqlEventStore.open(driver);
    runner = new ProjectionRunner(store, driver, readModelProjections);
    await runner.start();
    app = await createApi(
      { store, readModels: driver, projections: runner, jwtSecret: DEVELOPMENT_JWT_SECRET },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await driver.exec(`CREATE TABLE lt_items (
      organisation_id text NOT NULL,
      item_id         text NOT NULL,
      name            text NOT NULL,
      due_at          timestamptz,
      rank            integer NOT NULL,
      big             bigint NOT NULL,
      amount          numeric,
      done            boolean NOT NULL,
      search          tsvector GENERATED ALWAYS AS (${searchDocument('name')}) STORED,
      PRIMARY KEY (organisation_id, item_id)
    )`);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await runner?.stop();
    await store?.close();
    await drop?.();
  });

  const insert = (row: Row) =>
    driver.query(
      'INSERT INTO lt_items (organisation_id, item_id, name, due_at, rank, big, amount, done) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [row.org, row.id, row.name, row.due, row.rank, row.big, amountOf(row), row.done],
    );
  const list = (params: ListQueryParams & { done?: boolean } = {}) => runList(driver, itemList, params, callerA);

  describe('the mechanism', () => {
    const table: Row[] = [];
    let seed = 100;
    beforeAll(async () => {
      const source = rows(7);
      for (let i = 0; i < 40; i += 1) {
        const row = source.next().value as Row;
        table.push(row);
        await insert(row);
      }
    });

    it.each([
      'name',
      '-name',
      'dueAt',
      '-dueAt',
      'rank',
      '-rank',
      'big',
      '-big',
      'queue',
      '-queue',
      'amount',
      '-amount',
    ])(
      'pages through sort %s in order, nothing skipped or twice, while rows are recorded between pages',
      async (sort) => {
        const before = table.filter((row) => row.org === ORG_A);
        expect(before.length).toBeGreaterThan(20);
        const added = rows((seed += 1));
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          // A cursor that does not move on would page forever.
          expect((pages += 1)).toBeLessThan(200);
          const page = await list({ sort, limit: 3, ...(cursor ? { cursor } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(3);
          seen.push(...page.items.map((item) => item.itemId));
          cursor = page.page.nextCursor ?? undefined;
          if (cursor) {
            const row = added.next().value as Row;
            table.push(row);
            await insert(row);
          }
        } while (cursor);

        const byId = new Map(table.map((row) => [row.id, row]));
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.every((id) => byId.get(id)!.org === ORG_A)).toBe(true);
        for (const row of before) expect(seen).toContain(row.id);
        const order = expectedOrder(sort);
        const shown = seen.map((id) => byId.get(id)!);
        expect(shown).toEqual([...shown].sort(order));
      },
    );

    it('keeps instants to the microsecond in the cursor and reads them as ISO-8601 instants', async () => {
      const page = await list({ sort: 'dueAt', limit: 1 });
      const cursor = JSON.parse(Buffer.from(page.page.nextCursor!, 'base64url').toString());
      expect(cursor).toMatchObject({ l: 'test-items', s: 'dueAt' });
      expect(cursor.k[0]).toMatch(/^2026-03-0\dT09:00:00\.00000\dZ$/);
      expect(page.items[0]!.dueAt).toMatch(/^2026-03-0\dT09:00:00\.000Z$/);
    });

    it('filters and searches within the organisation, ignoring case and accents, by word prefix', async () => {
      const names = async (q: string) => new Set((await list({ q, limit: 100 })).items.map((item) => item.name));
      expect(await names('muller')).toEqual(new Set(['Müller Textil']));
      expect(await names('MÜLL')).toEqual(new Set(['Müller Textil']));
      expect(await names('orebro')).toEqual(new Set(['Örebro']));
      expect(await names('ÉA')).toEqual(new Set(['Éa']));
      expect(await names('anna')).toEqual(new Set(['Anna', 'anna']));
      expect(await names('precision shenz')).toEqual(new Set(['Shenzhen Precision']));
      expect(await names('shenzhen zeta')).toEqual(new Set());
      expect(await names('ü')).toEqual(new Set());
      expect(await names('😀 Müller')).toEqual(new Set(['Müller Textil']));
      // The text only ever reaches the query as quoted words: operators and quotes are no syntax.
      for (const q of ["'", '\\', "o'brien", 'a:*', '!anna', 'anna | zeta', '(<->)', 'x'.repeat(200)])
        await expect(list({ q })).resolves.toBeDefined();
      expect(await names('anna | zeta')).toEqual(new Set());
      const undone = await list({ done: false, limit: 100 });
      expect(undone.items.length).toBeGreaterThan(0);
      expect(undone.items.every((item) => !item.done)).toBe(true);
      const other = await runList(driver, itemList, { q: 'muller', limit: 100 }, { ...callerA, organisationId: ORG_B });
      const mine = new Set((await list({ limit: 100 })).items.map((item) => item.itemId));
      expect(other.items.some((item) => mine.has(item.itemId))).toBe(false);
    });

    it('shows a supplier or a monitor only the rows its party scope declares, and nothing from a list without one', async () => {
      const partyList = defineList<Item, { done?: boolean }>({
        ...itemList,
        parties: {
          supplier: (supplierId, bind) => `name = ${bind(supplierId)}`,
          monitor: (factoryIds, bind) => `item_id = ANY(${bind(factoryIds)}::text[])`,
        },
      });
      const mine = (await list({ limit: 100 })).items;
      const [first, second] = mine;
      const supplier: Caller = { id: 's-1', role: 'supplier', organisationId: ORG_A, supplierId: first!.name };
      const monitor: Caller = { id: 'm-1', role: 'monitor', organisationId: ORG_A, factoryIds: [second!.itemId] };
      const seenBy = async (caller: Caller, spec = partyList) =>
        (await runList(driver, spec, { limit: 100 }, caller)).items.map((item) => item.itemId);
      expect(await seenBy(supplier)).toEqual(mine.filter((item) => item.name === first!.name).map((i) => i.itemId));
      expect(await seenBy(monitor)).toEqual([second!.itemId]);
      expect(await seenBy({ ...monitor, factoryIds: [] })).toEqual([]);
      // Another buyer's monitor assigned to the same id sees nothing of this buyer's.
      expect(await seenBy({ ...monitor, organisationId: ORG_B })).toEqual([]);
      expect(await seenBy(supplier, itemList)).toEqual([]);
      expect(await seenBy(monitor, itemList)).toEqual([]);
    });

    it('finds one item by its id only within what the list would show the caller', async () => {
      const partyList = defineList<Item, { done?: boolean }>({
        ...itemList,
        parties: { monitor: (factoryIds, bind) => `item_id = ANY(${bind(factoryIds)}::text[])` },
      });
      const [first, second] = (await list({ limit: 100 })).items;
      expect(await findInList(driver, partyList, first!.itemId, callerA)).toEqual(first);
      expect(await findInList(driver, partyList, first!.itemId, { ...callerA, organisationId: ORG_B })).toBeUndefined();
      const monitor: Caller = { id: 'm-1', role: 'monitor', organisationId: ORG_A, factoryIds: [second!.itemId] };
      expect(await findInList(driver, partyList, second!.itemId, monitor)).toEqual(second);
      expect(await findInList(driver, partyList, first!.itemId, monitor)).toBeUndefined();
      // No party scope declared: a supplier finds nothing, not even by id.
      const supplier: Caller = { id: 's-1', role: 'supplier', organisationId: ORG_A, supplierId: first!.name };
      expect(await findInList(driver, partyList, first!.itemId, supplier)).toBeUndefined();
      expect(await findInList(driver, partyList, `missing-${randomUUID()}`, callerA)).toBeUndefined();
    });

    it('refuses a sort it does not offer and every cursor it did not give for this sort, naming the field', async () => {
      const refusal = async (params: ListQueryParams) => {
        const error = await list(params).then(
          () => undefined,
          (e: { getStatus?(): number; getResponse?(): unknown }) => e,
        );
        expect(error?.getStatus?.()).toBe(400);
        return error!.getResponse!() as { errors: { field: string; reason: string }[] };
      };
      expect((await refusal({ sort: 'organisation_id' })).errors[0]!.field).toBe('sort');
      const forged = (content: unknown) => Buffer.from(JSON.stringify(content)).toString('base64url');
      const page = await list({ sort: 'rank', limit: 2 });
      const good = page.page.nextCursor!;
      const keys = JSON.parse(Buffer.from(good, 'base64url').toString()).k;
      for (const cursor of [
        'bm90IGpzb24',
        forged(null),
        forged({ l: 'cases', s: 'rank', k: keys }),
        forged({ l: 'test-items', s: 'rank', k: ['1'] }),
        forged({ l: 'test-items', s: 'rank', k: ['one', 'item-1'] }),
        forged({ l: 'test-items', s: 'rank', k: ['99999999999', 'item-1'] }),
        forged({ l: 'test-items', s: 'dueAt', k: ['2026-02-31T09:00:00.000000Z', 'item-1'] }),
        forged({ l: 'test-items', s: 'dueAt', k: ['2026-02-01 09:00', 'item-1'] }),
        forged({ l: 'test-items', s: 'big', k: ['1e3', 'item-1'] }),
        forged({ l: 'test-items', s: 'name', k: [null, 'item-1'] }),
        forged({ l: 'test-items', s: 'name', k: ['a\u0000', 'item-1'] }),
      ]) {
        const sort = cursor.length > 20 ? JSON.parse(Buffer.from(cursor, 'base64url').toString())?.s : 'rank';
        expect((await refusal({ sort: sort ?? 'rank', cursor })).errors).toEqual([
          { field: 'cursor', reason: expect.any(String) },
        ]);
      }
      // A cursor made for one sort is refused by another, also the same sort reversed.
      expect((await refusal({ sort: '-rank', cursor: good })).errors[0]!.field).toBe('cursor');
      expect((await refusal({ cursor: good })).errors[0]!.field).toBe('cursor');
      // A null key of a nullable field is a key like another.
      const nulls = forged({ l: 'test-items', s: 'dueAt', k: [null, 'item-0'] });
      const afterNull = await list({ sort: 'dueAt', cursor: nulls, limit: 100 });
      expect(afterNull.items.length).toBeGreaterThan(0);
      expect(afterNull.items.every((item) => item.dueAt === null && item.itemId > 'item-0')).toBe(true);
    });
  });

  describe('over HTTP: the case board', () => {
    let last: LogPosition;
    const openCase = async (org: string, title: string, at: string) => {
      const caseId = randomUUID();
      const result = await store.appendToStream(
        procurementCaseStreamId(org, caseId),
        [
          {
            type: 'CaseOpened',
            data: {
              caseId,
              buyerOrganisationId: org,
              title,
              productCategory: 'electronics',
              countriesOfProduction: ['CN'],
              openedBy: 'dev-contract-manager',
              openedAt: at,
            },
            metadata: {
              eventId: randomUUID(),
              commandId: randomUUID(),
              correlationId: randomUUID(),
              causationId: randomUUID(),
              actor: { id: 'dev-contract-manager', role: 'contract_manager' },
              organisationId: org,
              recordedAt: at,
              schemaVersion: currentSchemaVersion('CaseOpened'),
            },
          },
        ],
        { expectedRevision: 'any' },
      );
      last = result.position;
      return caseId;
    };
    const get = (path: string, token = a.auditor, accept?: string) =>
      fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) } });
    const titles = async (path: string, token = a.auditor) =>
      ((await (await get(path, token)).json()) as { items: { title: string }[] }).items.map((c) => c.title);

    const TITLES = [
      'Laptops for schools',
      'Müller workwear, "flame-retardant"',
      'École uniforms\nsecond lot',
      '=HYPERLINK("http://evil.example","click")',
      '+1 desks',
      '@SUM(A1)',
      '-2 chairs',
    ];
    beforeAll(async () => {
      for (const [i, title] of TITLES.entries())
        await openCase(ORG_A, title, new Date(Date.UTC(2026, 2, 1 + i, 9)).toISOString());
      await openCase(ORG_B, 'Müller boots for Madison', new Date(Date.UTC(2026, 2, 1, 9)).toISOString());
      await runner.waitFor(last, 20_000);
    });

    it('pages by cursor with the next page in the body and in the Link header, in either direction', async () => {
      const first = await get('/api/cases?sort=title&limit=3');
      expect(first.status).toBe(200);
      const page = (await first.json()) as { items: { title: string }[]; page: { limit: number; nextCursor: string } };
      expect(page.page).toEqual({ limit: 3, nextCursor: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
      expect(first.headers.get('link')).toBe(
        `</api/cases?sort=title&limit=3&cursor=${page.page.nextCursor}>; rel="next"`,
      );
      expect(first.headers.get('vary')).toMatch(/accept/i);
      const all = [...TITLES].sort();
      expect(page.items.map((c) => c.title)).toEqual(all.slice(0, 3));
      // A case recorded meanwhile before the cursor is not shown; one after it is.
      await openCase(ORG_A, '!important first', new Date(Date.UTC(2026, 3, 1)).toISOString());
      await openCase(ORG_A, '~ tilde last', new Date(Date.UTC(2026, 3, 2)).toISOString());
      await runner.waitFor(last, 20_000);
      const rest: string[] = [];
      let next: string | null = first.headers.get('link')!.match(/^<([^>]+)>/)![1]!;
      while (next) {
        const response = await get(next);
        rest.push(...((await response.json()) as { items: { title: string }[] }).items.map((c) => c.title));
        next = response.headers.get('link')?.match(/^<([^>]+)>/)?.[1] ?? null;
      }
      expect(rest).toEqual([...all.slice(3), '~ tilde last'].sort());
      expect(await titles('/api/cases?sort=-title&limit=100')).toEqual(
        [...all, '~ tilde last', '!important first'].sort().reverse(),
      );
      // Newest activity first by default.
      expect((await titles('/api/cases?limit=2'))[0]).toBe('~ tilde last');
    });

    it('searches titles of the caller’s organisation only, ignoring case and accents', async () => {
      expect(await titles('/api/cases?q=MULLER')).toEqual(['Müller workwear, "flame-retardant"']);
      expect(await titles('/api/cases?q=ecole%20second')).toEqual(['École uniforms\nsecond lot']);
      expect(await titles('/api/cases?q=muller', b.auditor)).toEqual(['Müller boots for Madison']);
      expect(await titles('/api/cases?q=tablets')).toEqual([]);
    });

    it('refuses a bad sort, cursor, search or limit with 400 naming the field', async () => {
      const problem = async (path: string) => {
        const response = await get(path);
        expect(response.status).toBe(400);
        return ((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
      };
      expect(await problem('/api/cases?sort=organisation_id')).toEqual(['sort']);
      expect(await problem('/api/cases?cursor=%25%25')).toEqual(['cursor']);
      expect(await problem('/api/cases?cursor=bm90IGpzb24')).toEqual(['cursor']);
      const { page } = (await (await get('/api/cases?sort=title&limit=1')).json()) as { page: { nextCursor: string } };
      expect(await problem(`/api/cases?sort=-title&cursor=${page.nextCursor}`)).toEqual(['cursor']);
      expect(await problem(`/api/grievances?sort=-submittedAt&cursor=${page.nextCursor}`)).toEqual(['cursor']);
      expect(await problem('/api/cases?q=%21%21')).toEqual(['q']);
      expect(await problem('/api/cases?limit=0')).toEqual(['limit']);
      expect(await problem('/api/cases?offset=10')).toEqual(['offset']);
      expect(await problem('/api/escalations?q=dell')).toEqual(['q']);
    });

    it('answers CSV when Accept prefers it: a header, RFC 4180 quoting, no formulas, the next page in Link', async () => {
      const response = await get('/api/cases?sort=openedAt&limit=7', a.auditor, 'text/csv');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('link')).toMatch(/^<\/api\/cases\?sort=openedAt&limit=7&cursor=[\w-]+>; rel="next"$/);
      const csv = await response.text();
      const [header, ...lines] = csv.split('\r\n');
      expect(header).toBe('caseId,title,phase,riskLevel,supplierId,revision,openedAt,updatedAt');
      expect(lines.pop()).toBe('');
      // Each line after its case id (36 characters and a comma): the title cell, then the phase.
      expect(lines.map((line) => line.slice(37).replace(/,policy,.*$/, ''))).toEqual([
        'Laptops for schools',
        '"Müller workwear, ""flame-retardant"""',
        '"École uniforms\nsecond lot"',
        `"'=HYPERLINK(""http://evil.example"",""click"")"`,
        "'+1 desks",
        "'@SUM(A1)",
        "'-2 chairs",
      ]);
      expect(lines[0]).toMatch(
        /^[0-9a-f-]{36},Laptops for schools,policy,,,0,2026-03-01T09:00:00\.000Z,2026-03-01T09:00:00\.000Z$/,
      );

      // JSON stays the answer to anything else, including a preference for JSON over CSV.
      for (const accept of [undefined, '*/*', 'application/json, text/csv;q=0.5', 'text/html'])
        expect((await get('/api/cases?limit=1', a.auditor, accept)).headers.get('content-type')).toMatch(
          /^application\/json/,
        );
      // An empty page still has its header; problems stay problem details.
      expect(await (await get('/api/grievances', a.auditor, 'text/csv')).text()).toMatch(
        /^grievanceId,factoryId,.*\r\n$/,
      );
      const refused = await get('/api/cases?sort=nope', a.auditor, 'text/csv');
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('documents every list with its sorts and both media types', async () => {
      const document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as {
        paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[]; responses: any } }>;
      };
      for (const path of [
        '/cases',
        '/cases/{caseId}/timeline',
        '/escalations',
        '/factories',
        '/grievances',
        '/inbox',
      ]) {
        const operation = document.paths[path]!.get;
        expect(Object.keys(operation.responses['200'].content)).toEqual(['application/json', 'text/csv']);
        const names = operation.parameters.map((p) => p.name);
        expect(names).toEqual(expect.arrayContaining(['limit', 'cursor', 'sort']));
        expect(names).not.toContain('offset');
      }
      const sort = document.paths['/cases']!.get.parameters.find((p) => p.name === 'sort')!;
      expect(sort.schema.enum).toEqual(['updatedAt', '-updatedAt', 'openedAt', '-openedAt', 'title', '-title']);
    });
  });
});
