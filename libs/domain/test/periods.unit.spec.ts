import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  calendarProblems,
  contractYearEndsAt,
  endOfLocalDay,
  inBuyerTime,
  isWorkingDay,
  localDate,
  periodInDays,
  type BuyerCalendar,
} from '../src';

// Regulation 1182/71 on real calendars: Swedish Christmas, daylight-saving changes, Art. 3(4) and 3(5).

/** Stockholm, with the days Swedish law treats as holidays for periods (lag 1930:173). */
const stockholm: BuyerCalendar = {
  timeZone: 'Europe/Stockholm',
  holidays: { country: 'SE', types: ['public', 'bank'] },
};
/** The library's public holidays only. */
const stockholmPublic: BuyerCalendar = { timeZone: 'Europe/Stockholm', holidays: { country: 'SE' } };

describe('a period in days (Regulation 1182/71 Art. 3)', () => {
  it('a notice sent in Sweden on 2026-12-22 (Tuesday): 10 days end on 1 January, a holiday, so on Monday 4 January', () => {
    const period = periodInDays(stockholm, '2026-12-22T14:00:00.000Z', 10);
    expect(period).toEqual({
      firstDay: '2026-12-23',
      lastDayAsCounted: '2027-01-01',
      lastDay: '2027-01-04',
      endsAt: '2027-01-04T22:59:59.999Z',
    });
    expect(inBuyerTime(stockholm, period.endsAt)).toBe('2027-01-04T23:59:59.999+01:00');
  });

  it('the same notice by other means: 15 days end on Epiphany (6 January), so on Thursday 7 January', () =>
    expect(periodInDays(stockholm, '2026-12-22T14:00:00.000Z', 15)).toMatchObject({
      lastDayAsCounted: '2027-01-06',
      lastDay: '2027-01-07',
      endsAt: '2027-01-07T22:59:59.999Z',
    }));

  it("counts from the buyer's day: 23:30 UTC on 22 December is already the 23rd in Stockholm", () =>
    expect(periodInDays(stockholm, '2026-12-22T23:30:00.000Z', 10)).toMatchObject({
      firstDay: '2026-12-24',
      lastDayAsCounted: '2027-01-02',
      lastDay: '2027-01-04',
    }));

  it('crosses the spring change to summer time: the last day ends at 23:59:59.999 +02:00', () =>
    expect(periodInDays(stockholm, '2026-03-20T10:00:00.000Z', 10)).toEqual({
      firstDay: '2026-03-21',
      lastDayAsCounted: '2026-03-30',
      lastDay: '2026-03-30',
      endsAt: '2026-03-30T21:59:59.999Z',
    }));

  it('ends on the autumn change (Sunday 25 October 2026), so moves to Monday, back on +01:00', () =>
    expect(periodInDays(stockholm, '2026-10-15T10:00:00.000Z', 10)).toEqual({
      firstDay: '2026-10-16',
      lastDayAsCounted: '2026-10-25',
      lastDay: '2026-10-26',
      endsAt: '2026-10-26T22:59:59.999Z',
    }));

  it('Art. 3(5): two days from 23 December hold two working days only by 29 December when Christmas Eve is a holiday', () => {
    expect(periodInDays(stockholm, '2026-12-23T09:00:00.000Z', 2)).toMatchObject({
      lastDayAsCounted: '2026-12-25',
      lastDay: '2026-12-29',
    });
    // Counting the library's public holidays only, Christmas Eve is a working day: 24 and 28 December.
    expect(periodInDays(stockholmPublic, '2026-12-23T09:00:00.000Z', 2)).toMatchObject({ lastDay: '2026-12-28' });
  });

  it('does not move the last day where the rules say it stays (a calendar without Art. 3(4) and 3(5))', () =>
    expect(
      periodInDays(
        { ...stockholm, counting: { lastDayMovesToWorkingDay: false, atLeastTwoWorkingDays: false } },
        '2026-12-22T14:00:00.000Z',
        10,
      ),
    ).toMatchObject({ lastDay: '2027-01-01', endsAt: '2027-01-01T22:59:59.999Z' }));

  it('without a holiday calendar only Saturdays and Sundays move the last day', () => {
    const utc: BuyerCalendar = { timeZone: 'UTC' };
    expect(periodInDays(utc, '2026-12-22T14:00:00.000Z', 10).lastDay).toBe('2027-01-01');
    expect(periodInDays(utc, '2026-12-21T14:00:00.000Z', 12).lastDay).toBe('2027-01-04');
  });

  it('holidays of a region: Epiphany is a holiday in Bavaria, not in Berlin', () => {
    expect(isWorkingDay({ timeZone: 'Europe/Berlin', holidays: { country: 'DE', region: 'BY' } }, '2027-01-06')).toBe(
      false,
    );
    expect(isWorkingDay({ timeZone: 'Europe/Berlin', holidays: { country: 'DE', region: 'BE' } }, '2027-01-06')).toBe(
      true,
    );
  });

  it('refuses a period that is no whole number of days', () =>
    expect(() => periodInDays(stockholm, '2026-12-22T14:00:00.000Z', 0.5)).toThrow(RangeError));
});

describe('calendarProblems', () => {
  it('accepts a known zone, country and region', () =>
    expect(calendarProblems({ timeZone: 'Europe/Berlin', holidays: { country: 'DE', region: 'BY' } })).toEqual([]));
  it('names an unknown zone, country and region', () => {
    expect(calendarProblems({ timeZone: 'Europe/Stokholm' })).toEqual([
      'timeZone "Europe/Stokholm" is not an IANA time zone',
    ]);
    expect(calendarProblems({ timeZone: 'UTC', holidays: { country: 'XX' } })[0]).toMatch(/country "XX"/);
    expect(calendarProblems({ timeZone: 'UTC', holidays: { country: 'DE', region: 'ZZ' } })[0]).toMatch(/region "ZZ"/);
  });
});

describe('properties of every period', () => {
  const calendars: BuyerCalendar[] = [
    stockholm,
    stockholmPublic,
    { timeZone: 'Europe/Berlin', holidays: { country: 'DE', region: 'BY' } },
    { timeZone: 'America/Chicago', holidays: { country: 'US', region: 'WI' } },
    { timeZone: 'Pacific/Auckland', holidays: { country: 'NZ' } },
    { timeZone: 'UTC' },
  ];
  const instants = fc
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true })
    .map((date) => date.toISOString());
  const cases = fc.record({
    calendar: fc.constantFrom(...calendars),
    from: instants,
    days: fc.integer({ min: 1, max: 90 }),
  });

  it('no period ends before the end of its counted last day, nor before its days have passed', () =>
    fc.assert(
      fc.property(cases, ({ calendar, from, days }) => {
        const { endsAt, lastDayAsCounted } = periodInDays(calendar, from, days);
        const eventDay = DateTime.fromISO(localDate(calendar, from), { zone: calendar.timeZone });
        expect(lastDayAsCounted).toBe(eventDay.plus({ days }).toISODate());
        expect(Date.parse(endsAt)).toBeGreaterThanOrEqual(Date.parse(endOfLocalDay(calendar, lastDayAsCounted)));
        // The whole of `days` local days after the event's day: at least days × 24 h less one DST hour.
        expect(Date.parse(endsAt) - Date.parse(from)).toBeGreaterThan(days * 86_400_000 - 3_600_000);
      }),
      { numRuns: 200 },
    ));

  it('every end is the end of a local day, and that day is a working day', () =>
    fc.assert(
      fc.property(cases, ({ calendar, from, days }) => {
        const { endsAt, lastDay } = periodInDays(calendar, from, days);
        const next = DateTime.fromMillis(Date.parse(endsAt) + 1, { zone: calendar.timeZone });
        expect(next.toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
        expect(localDate(calendar, endsAt)).toBe(lastDay);
        expect(isWorkingDay(calendar, lastDay)).toBe(true);
      }),
      { numRuns: 200 },
    ));

  it('a later event never ends its period earlier', () =>
    fc.assert(
      fc.property(cases, fc.integer({ min: 0, max: 10 * 86_400_000 }), ({ calendar, from, days }, later) => {
        const laterFrom = new Date(Date.parse(from) + later).toISOString();
        expect(Date.parse(periodInDays(calendar, laterFrom, days).endsAt)).toBeGreaterThanOrEqual(
          Date.parse(periodInDays(calendar, from, days).endsAt),
        );
      }),
      { numRuns: 150 },
    ));
});

describe('contract years (Regulation 1182/71 Art. 3(2)(c))', () => {
  const madison = { timeZone: 'America/Chicago' };
  it('a year from a signature ends with the same local date a year on, at its last hour', () => {
    // Signed at 9:00 in Madison on 10 March 2026: year 1 ends at the end of 10 March 2027, Central time.
    expect(contractYearEndsAt(madison, '2026-03-10T15:00:00Z', 1)).toBe('2027-03-11T05:59:59.999Z');
    expect(contractYearEndsAt(madison, '2026-03-10T15:00:00Z', 2)).toBe('2028-03-11T05:59:59.999Z');
  });
  it('counts in the buyer’s zone: late evening in Madison is already the next day in UTC', () => {
    expect(contractYearEndsAt(madison, '2026-03-11T03:00:00Z', 1)).toBe('2027-03-11T05:59:59.999Z');
  });
  it('a year from 29 February ends on 28 February', () => {
    expect(contractYearEndsAt({ timeZone: 'UTC' }, '2028-02-29T12:00:00Z', 1)).toBe('2029-02-28T23:59:59.999Z');
  });
});
