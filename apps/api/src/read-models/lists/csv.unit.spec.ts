import { csvCell, toCsv } from './csv';

describe('CSV of a list', () => {
  it('quotes what RFC 4180 asks to quote and doubles quotes', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes null as empty, numbers and booleans as written, nested values as JSON', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(['laptops', 'displays'])).toBe('"[""laptops"",""displays""]"');
    expect(csvCell({ id: 'anna', role: 'auditor' })).toBe('"{""id"":""anna"",""role"":""auditor""}"');
  });

  it('makes text that a spreadsheet would run as a formula into text', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+31 20 000')).toBe("'+31 20 000");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tindented')).toBe("'\tindented");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes a header row and a CRLF after every row, also for no items', () => {
    expect(toCsv(['id', 'name'], [])).toBe('id,name\r\n');
    expect(toCsv(['id', 'name'], [{ id: 'f-1', name: 'Müller, GmbH', extra: 'not a column' }, { id: 'f-2' }])).toBe(
      'id,name\r\nf-1,"Müller, GmbH"\r\nf-2,\r\n',
    );
  });
});
