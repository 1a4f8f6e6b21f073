import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../apps/cli/src/cli';
import { riskListStreamId, type RiskListImported } from '@pj/domain';
import { startTestEngine, type TestEngine } from './support/engine';
import { expectStatus, httpClient, type HttpClient } from './support/http';
import { SCC } from './support/journey';

// Issue 12 item 5: a buyer imports its risk lists from CSV; each import is the list's next version,
// with its provenance in the event; a bad row is refused naming its row and column, recording nothing.
describe('importing a risk list from CSV over HTTP', () => {
  let engine: TestEngine;
  let http: HttpClient;

  beforeAll(async () => {
    engine = await startTestEngine();
    http = httpClient(engine);
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  const source = 'US Department of Labor, List of Goods Produced by Child Labor or Forced Labor';
  const csv = [
    'cpv_code,category,synonyms,country,level,harm',
    '30200000-1,Electronics,computer equipment;laptops,CN,high,forced labor',
    ',Gloves,,MY,high,forced labor',
  ].join('\n');

  it('records each edition as the next version with its source and date; a bad row is 400 and records nothing', async () => {
    const tokens = engine.tokens(SCC);
    const url = '/api/risk-lists/us-dol/imports';
    const first = expectStatus(
      await http.post(url, tokens.compliance_officer, { source, publishedOn: '2024-09-05', csv }),
      201,
    ).body;
    expect(first).toMatchObject({ revision: 0, events: ['RiskListImported'] });

    const bad = expectStatus(
      await http.post(url, tokens.contract_manager, {
        source,
        publishedOn: '2025-09-05',
        csv: `${csv}\n,Cotton,,China,high,child labor`,
      }),
      400,
    ).body;
    expect(bad.errors).toEqual([expect.objectContaining({ row: 4, column: 'country', field: 'csv[row 4].country' })]);

    expect(
      expectStatus(await http.post(url, tokens.contract_manager, { source, publishedOn: '2025-09-05', csv }), 201).body
        .revision,
    ).toBe(1);
    const events = (await engine.store.readStream(riskListStreamId(SCC, 'us-dol'))) as unknown as RiskListImported[];
    expect(events.map((event) => [event.data.version, event.data.publishedOn, event.data.importedBy])).toEqual([
      [1, '2024-09-05', 'dev-compliance-officer'],
      [2, '2025-09-05', 'dev-contract-manager'],
    ]);
    expect(events[0]?.data.entries).toEqual([
      {
        cpvCode: '30200000-1',
        category: 'Electronics',
        synonyms: ['computer equipment', 'laptops'],
        country: 'CN',
        level: 'high',
        harm: 'forced labor',
      },
      { category: 'Gloves', country: 'MY', level: 'high', harm: 'forced labor' },
    ]);
  }, 60_000);

  it('is refused to a supplier and an auditor', async () => {
    const tokens = engine.tokens(SCC, { supplierId: 'dell' });
    for (const token of [tokens.supplier, tokens.auditor])
      expectStatus(
        await http.post('/api/risk-lists/dfo/imports', token, { source: 'DFØ', publishedOn: '2023-01-01', csv }),
        403,
      );
  }, 60_000);

  it('imports through the CLI verb, which reports a bad row by row and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pj-risk-list-'));
    const good = join(dir, 'dfo.csv');
    const bad = join(dir, 'dfo-bad.csv');
    writeFileSync(good, 'category,synonyms,country,level\nTextiles,arbeidstøy;workwear,any,high\n');
    writeFileSync(bad, 'category,synonyms,country,level\nTextiles,,Norway,high\n');
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), env: {}, interactive: false };
    const cli = (file: string) =>
      runCli(
        [
          'node',
          'procurement-journey',
          'import-risk-list',
          'dfo',
          file,
          '--source',
          'DFØ',
          '--published-on',
          '2023-01-01',
          '--token',
          engine.tokens(SCC).compliance_officer,
          '--api',
          engine.baseUrl,
        ],
        io,
      );
    expect(await cli(bad)).toBe(2);
    expect(out.join('')).toContain('row 2, column country');
    expect(await cli(good)).toBe(0);
    expect(out.join('')).toContain('imported dfo version 1');
    const events = await engine.store.readStream(riskListStreamId(SCC, 'dfo'));
    expect(events.map((event) => event.type)).toEqual(['RiskListImported']);
  }, 60_000);
});
