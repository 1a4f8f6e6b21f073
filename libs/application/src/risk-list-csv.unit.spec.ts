import { parseRiskListCsv, RiskListCsvError } from './risk-list-csv';

const header = 'cpv_code,category,synonyms,country,level,harm';

function problemOf(csv: string) {
  try {
    parseRiskListCsv(csv);
  } catch (error) {
    if (error instanceof RiskListCsvError) return error.problem;
    throw error;
  }
  throw new Error('the CSV was accepted');
}

describe('reading a risk list from CSV', () => {
  it('reads the DoL and DFØ entries, synonyms split on ";"', () =>
    expect(
      parseRiskListCsv(
        [
          header,
          '30200000-1,Electronics,computer equipment; laptops,CN,high,forced labor',
          ',Textiles,"arbeidstøy;workwear",any,HIGH,',
        ].join('\n'),
      ),
    ).toEqual([
      {
        cpvCode: '30200000-1',
        category: 'Electronics',
        synonyms: ['computer equipment', 'laptops'],
        country: 'CN',
        level: 'high',
        harm: 'forced labor',
      },
      { category: 'Textiles', synonyms: ['arbeidstøy', 'workwear'], country: 'any', level: 'high' },
    ]));

  it('a bad level names its row (the header is row 1) and column', () =>
    expect(problemOf([header, ',Gloves,,MY,high,', ',Cotton,,CN,severe,'].join('\n'))).toEqual({
      row: 3,
      column: 'level',
      reason: 'low, medium or high',
    }));

  it('a country spelled out is refused at its row and column', () =>
    expect(problemOf([header, ',Cotton,,China,high,'].join('\n'))).toMatchObject({ row: 2, column: 'country' }));

  it('a CPV code that is not one is refused', () =>
    expect(problemOf([header, '3020,Electronics,,CN,high,'].join('\n'))).toMatchObject({ row: 2, column: 'cpv_code' }));

  it('a header without a level column is refused at row 1', () =>
    expect(problemOf('category,country\nCotton,CN')).toMatchObject({ row: 1, column: 'level' }));

  it('an unknown column is refused', () =>
    expect(problemOf('category,country,level,colour\nCotton,CN,high,red')).toMatchObject({ row: 1, column: 'colour' }));

  it('a row with too many cells is refused at its line', () =>
    expect(problemOf([header, ',Cotton,,CN,high,,extra'].join('\n'))).toMatchObject({ row: 2 }));
});
