import {
  normaliseCategory,
  riskList,
  screenAgainstRiskLists,
  type ImportRiskList,
  type RiskList,
  type Role,
  type TenderItem,
} from '../src';
import { DeciderSpecification, history } from './decider-specification';
import { buyer, riskListCommand, T0 } from './fixtures';

// Issue 12, item 5: tender items screened against the risk lists the buyer maintains.
const dolList: RiskList = {
  listId: 'us-dol-tvpra',
  source: 'US Department of Labor, List of Goods Produced by Child Labor or Forced Labor',
  publishedOn: '2024-09-05',
  version: 1,
  entries: [
    {
      category: 'Electronics',
      synonyms: ['computer equipment', 'laptops'],
      cpvCode: '30200000-1',
      country: 'CN',
      level: 'high',
      harm: 'forced labor',
    },
    { category: 'Garments', synonyms: ['clothing', 'workwear'], country: 'BD', level: 'high', harm: 'child labor' },
    { category: 'Gloves', country: 'MY', level: 'high', harm: 'forced labor' },
  ],
};
const dfoList: RiskList = {
  listId: 'dfo-high-risk-products',
  source: 'DFØ, Norwegian Agency for Public and Financial Management',
  publishedOn: '2023-01-01',
  version: 2,
  entries: [
    { category: 'Textiles', synonyms: ['arbeidstøy', 'workwear'], country: 'any', level: 'high' },
    { category: 'Medical consumables', cpvCode: '33140000-3', country: 'any', level: 'medium' },
  ],
};
const item = (overrides: Partial<TenderItem>): TenderItem => ({ countriesOfProduction: [], ...overrides });

describe('screening a tender against the buyer’s risk lists', () => {
  it('given the DoL list, when laptops are made in China, then high with the entry that matched', () => {
    const result = screenAgainstRiskLists([item({ category: 'Laptops', countriesOfProduction: ['cn'] })], [dolList]);
    expect(result.riskLevel).toBe('high');
    expect(result.matches.map((m) => [m.listId, m.entry.category, m.entry.country, m.matchedOn])).toEqual([
      ['us-dol-tvpra', 'Electronics', 'CN', 'category'],
    ]);
    expect(result.reasons[0]).toContain('Electronics — CN (forced labor): high, matched on category "Laptops"');
  });

  it('given the DoL list, when electronics are made in Mexico, then low: the entry is for China', () =>
    expect(
      screenAgainstRiskLists([item({ category: 'Electronics', countriesOfProduction: ['MX'] })], [dolList]).riskLevel,
    ).toBe('low'));

  it('a CPV code beneath the listed one matches, whatever the item is called', () => {
    const result = screenAgainstRiskLists(
      [item({ cpvCode: '30213100-6', category: 'Portable computers', countriesOfProduction: ['CN'] })],
      [dolList],
    );
    expect(result.riskLevel).toBe('high');
    expect(result.matches[0].matchedOn).toBe('cpv_code');
  });

  it('a CPV code in another group does not match', () =>
    expect(
      screenAgainstRiskLists([item({ cpvCode: '30190000-7', countriesOfProduction: ['CN'] })], [dolList]).riskLevel,
    ).toBe('low'));

  it('given the DFØ list, a category listed high for any country screens high wherever it is made', () => {
    const result = screenAgainstRiskLists(
      [item({ category: 'Arbeidstøy', countriesOfProduction: ['PT'] })],
      [dolList, dfoList],
    );
    expect(result.riskLevel).toBe('high');
    expect(result.matches.map((m) => `${m.listId} v${m.version}`)).toEqual(['dfo-high-risk-products v2']);
    expect(result.reasons[0]).toContain('Textiles — any country: high');
  });

  it('the highest level matched wins, and every match is explained', () => {
    const result = screenAgainstRiskLists(
      [
        item({ cpvCode: '33141000-0', countriesOfProduction: ['DE'] }),
        item({ category: 'Workwear', countriesOfProduction: ['BD'] }),
      ],
      [dolList, dfoList],
    );
    expect(result.riskLevel).toBe('high');
    expect(result.matches.map((m) => `${m.listId}:${m.entry.category}`).sort()).toEqual([
      'dfo-high-risk-products:Medical consumables',
      'dfo-high-risk-products:Textiles',
      'us-dol-tvpra:Garments',
    ]);
    expect(result.reasons).toHaveLength(3);
  });

  it('only a medium entry matched screens medium', () =>
    expect(
      screenAgainstRiskLists([item({ cpvCode: '33141000-0', countriesOfProduction: ['DE'] })], [dfoList]).riskLevel,
    ).toBe('medium'));

  it('a buyer without lists screens low and says so', () =>
    expect(screenAgainstRiskLists([item({ category: 'Electronics', countriesOfProduction: ['CN'] })], [])).toEqual({
      riskLevel: 'low',
      matches: [],
      reasons: ['not on any of the buyer’s risk lists'],
    }));

  it('category names are compared without case, accents or punctuation', () =>
    expect(normaliseCategory('  Électronique — grand public ')).toBe('electronique grand public'));
});

// Importing a list: each import is the list's next version, with its provenance in the event.
const listSpec = DeciderSpecification(riskList);
const importDol = (overrides: Partial<ImportRiskList['data']> = {}, role: Role = 'compliance_officer') =>
  riskListCommand(
    'ImportRiskList',
    {
      listId: dolList.listId,
      source: dolList.source,
      publishedOn: dolList.publishedOn,
      entries: dolList.entries,
      ...overrides,
    },
    { role, now: T0 },
  );

describe('importing a risk list', () => {
  it('given no import, when a compliance officer imports the DoL list, then version 1 with its provenance', () =>
    listSpec
      .given([])
      .when(importDol())
      .thenEmits((events) =>
        expect(events).toEqual([
          {
            type: 'RiskListImported',
            data: {
              listId: 'us-dol-tvpra',
              source: dolList.source,
              publishedOn: '2024-09-05',
              entries: dolList.entries,
              version: 1,
              buyerOrganisationId: buyer,
              importedBy: 'compliance_officer-1',
              importedAt: T0,
            },
          },
        ]),
      ));

  it('given version 1, when a contract manager imports the next edition, then version 2', () =>
    listSpec
      .given(history(riskList, [importDol()]))
      .when(importDol({ publishedOn: '2025-09-05' }, 'contract_manager'))
      .thenEmits((events) => expect(events[0].data.version).toBe(2)));

  it('an auditor cannot import', () => listSpec.given([]).when(importDol({}, 'auditor')).thenFails('actor.read_only'));

  it('a supplier cannot import', () =>
    listSpec.given([]).when(importDol({}, 'supplier')).thenFails('risk_list.role_required'));

  it('a list without its source is refused', () =>
    listSpec
      .given([])
      .when(importDol({ source: ' ' }))
      .thenFails('risk_list.source_required'));

  it('a publication date that is not an ISO date is refused', () =>
    listSpec
      .given([])
      .when(importDol({ publishedOn: '05/09/2024' }))
      .thenFails('risk_list.published_on_invalid'));

  it('an entry with a country that is neither a code nor "any" is refused, naming entry and field', () =>
    listSpec
      .given([])
      .when(importDol({ entries: [...dolList.entries, { category: 'Cotton', country: 'China', level: 'high' }] }))
      .thenFails('risk_list.entry_invalid', (error) =>
        expect(error.details).toEqual({ index: 3, field: 'country', reason: 'an ISO 3166-1 alpha-2 code, or "any"' }),
      ));

  it('an entry naming neither CPV code nor category is refused', () =>
    listSpec
      .given([])
      .when(importDol({ entries: [{ country: 'any', level: 'high' }] }))
      .thenFails('risk_list.entry_invalid', (error) => expect(error.details.field).toBe('category')));
});
