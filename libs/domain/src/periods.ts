/**
 * Legal periods in the buyer's calendar, after Regulation (EEC, Euratom) No 1182/71 determining the
 * rules applicable to periods, dates and time limits. Pure: the event's instant and the buyer's
 * calendar come in, the instant the period ends comes out; nothing reads a clock.
 *
 * - Art. 3(1): a period in days counted from an event starts with the day after the event.
 * - Art. 3(2)(b): it ends with the expiry of the last hour of its last day (the local day's end).
 * - Art. 3(3): Saturdays, Sundays and public holidays count, unless the period is in working days.
 * - Art. 3(4): a last day on a Saturday, Sunday or public holiday moves to the end of the next
 *   working day (not for periods counted backwards from a date).
 * - Art. 3(5): a period of two days or more includes at least two working days.
 */
import Holidays, { type HolidaysTypes } from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';

export type HolidayType = HolidaysTypes.HolidayType;

/** Which days are public holidays: a country (ISO 3166-1) and region of the `date-holidays` library. */
export interface HolidayCalendar {
  readonly country: string;
  readonly region?: string;
  /**
   * Which of the library's kinds count as holidays; default `public`. Sweden also counts
   * midsummer, Christmas and New Year's Eve (lag 1930:173), which the library files as `bank`.
   */
  readonly types?: readonly HolidayType[];
}

/** How the jurisdiction counts periods; the reference is Regulation 1182/71 (`regulation1182_71`). */
export interface PeriodCountingRules {
  /** Art. 3(4): a last day on a Saturday, Sunday or public holiday moves to the next working day. */
  readonly lastDayMovesToWorkingDay: boolean;
  /** Art. 3(5): a period of two days or more includes at least two working days. */
  readonly atLeastTwoWorkingDays: boolean;
}

export const regulation1182_71: PeriodCountingRules = { lastDayMovesToWorkingDay: true, atLeastTwoWorkingDays: true };

/** The buyer's jurisdiction: where its days begin and end, which are holidays, how periods count. */
export interface BuyerCalendar {
  /** IANA time zone, e.g. `Europe/Stockholm`. */
  readonly timeZone: string;
  /** None: only Saturdays and Sundays are non-working days. */
  readonly holidays?: HolidayCalendar;
  /** Default: Regulation 1182/71. */
  readonly counting?: PeriodCountingRules;
}

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** What is wrong with a calendar (for configuration and input checks); empty when it can be used. */
export function calendarProblems(calendar: BuyerCalendar): string[] {
  const problems: string[] = [];
  if (typeof calendar?.timeZone !== 'string' || !IANAZone.isValidZone(calendar.timeZone))
    problems.push(`timeZone ${JSON.stringify(calendar?.timeZone)} is not an IANA time zone`);
  const holidays = calendar?.holidays;
  if (holidays !== undefined) {
    const countries = new Holidays().getCountries('en');
    if (typeof holidays.country !== 'string' || !(holidays.country.toUpperCase() in countries))
      problems.push(`holidays.country ${JSON.stringify(holidays.country)} is not a country the holiday calendar knows`);
    else if (holidays.region !== undefined) {
      const regions = new Holidays().getStates(holidays.country) ?? {};
      if (!(holidays.region.toUpperCase() in regions))
        problems.push(`holidays.region ${JSON.stringify(holidays.region)} is not a region of ${holidays.country}`);
    }
  }
  const types: readonly string[] = ['public', 'bank', 'optional', 'school', 'observance'];
  if (
    holidays?.types !== undefined &&
    (!Array.isArray(holidays.types) || holidays.types.some((t) => !types.includes(t)))
  )
    problems.push(`holidays.types must be some of ${types.join(', ')}`);
  const counting = calendar?.counting;
  if (
    counting !== undefined &&
    (typeof counting.lastDayMovesToWorkingDay !== 'boolean' || typeof counting.atLeastTwoWorkingDays !== 'boolean')
  )
    problems.push('counting needs lastDayMovesToWorkingDay and atLeastTwoWorkingDays, each true or false');
  return problems;
}

// Holidays of one calendar and year, computed once: the library's rules are slow to evaluate.
const holidayCache = new Map<string, ReadonlySet<LocalDate>>();

function holidaysIn(calendar: HolidayCalendar, year: number): ReadonlySet<LocalDate> {
  const types = calendar.types ?? ['public'];
  const key = JSON.stringify([calendar.country, calendar.region ?? null, [...types].sort(), year]);
  let dates = holidayCache.get(key);
  if (!dates) {
    const library = calendar.region ? new Holidays(calendar.country, calendar.region) : new Holidays(calendar.country);
    dates = new Set(
      (library.getHolidays(year) || [])
        .filter((holiday) => types.includes(holiday.type))
        // `date` is the local date the holiday falls on ("2026-12-25 00:00:00"), whatever the zone.
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidayCache.set(key, dates);
  }
  return dates;
}

function day(date: LocalDate, timeZone: string): DateTime {
  return DateTime.fromISO(date, { zone: timeZone });
}

/** The buyer's local date of an instant. */
export function localDate(calendar: BuyerCalendar, instant: string): LocalDate {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(calendar.timeZone).toISODate()!;
}

export function isPublicHoliday(calendar: BuyerCalendar, date: LocalDate): boolean {
  if (!calendar.holidays) return false;
  return holidaysIn(calendar.holidays, Number(date.slice(0, 4))).has(date);
}

/** Not a Saturday, a Sunday or a public holiday. */
export function isWorkingDay(calendar: BuyerCalendar, date: LocalDate): boolean {
  const weekday = day(date, calendar.timeZone).weekday;
  return weekday < 6 && !isPublicHoliday(calendar, date);
}

function nextDate(date: LocalDate, timeZone: string, days = 1): LocalDate {
  return day(date, timeZone).plus({ days }).toISODate()!;
}

/** The last instant of a local day (its last millisecond), as a UTC ISO-8601 instant. */
export function endOfLocalDay(calendar: BuyerCalendar, date: LocalDate): string {
  return day(date, calendar.timeZone).endOf('day').toUTC().toISO()!;
}

/** The same instant as the buyer reads it: ISO-8601 with the local offset (`…T23:59:59.999+01:00`). */
export function inBuyerTime(calendar: BuyerCalendar, instant: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(calendar.timeZone).toISO()!;
}

export interface DayPeriod {
  /** The first and last day of the period, after any move (local dates). */
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  /** The last day before Art. 3(4)/(5) moved it; equal to `lastDay` when nothing moved. */
  readonly lastDayAsCounted: LocalDate;
  /** The instant the period ends: the end of its last local day. */
  readonly endsAt: string;
}

/**
 * A period of `days` calendar days counted from an event at `from` (Art. 3(1), 3(2)(b)): from the
 * start of the next local day to the end of the last day, moved off a non-working day (Art. 3(4))
 * and stretched to hold two working days (Art. 3(5)) where the calendar's rules say so.
 */
export function periodInDays(calendar: BuyerCalendar, from: string, days: number): DayPeriod {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a period in days is a whole number ≥ 1, not ${days}`);
  const rules = calendar.counting ?? regulation1182_71;
  const { timeZone } = calendar;
  const firstDay = nextDate(localDate(calendar, from), timeZone);
  const lastDayAsCounted = nextDate(firstDay, timeZone, days - 1);
  let lastDay = lastDayAsCounted;
  if (rules.lastDayMovesToWorkingDay) while (!isWorkingDay(calendar, lastDay)) lastDay = nextDate(lastDay, timeZone);
  if (rules.atLeastTwoWorkingDays && days >= 2) {
    const workingDays = (until: LocalDate) => {
      let count = 0;
      for (let date = firstDay; date <= until; date = nextDate(date, timeZone))
        if (isWorkingDay(calendar, date)) count += 1;
      return count;
    };
    // Stretched to the end of the second working day; a later day never removes one.
    while (workingDays(lastDay) < 2) {
      lastDay = nextDate(lastDay, timeZone);
      while (!isWorkingDay(calendar, lastDay)) lastDay = nextDate(lastDay, timeZone);
    }
  }
  return { firstDay, lastDay, lastDayAsCounted, endsAt: endOfLocalDay(calendar, lastDay) };
}

/** The instant a period of `days` calendar days from `from` ends (see {@link periodInDays}). */
export function periodEndsAt(calendar: BuyerCalendar, from: string, days: number): string {
  return periodInDays(calendar, from, days).endsAt;
}

/**
 * The instant contract year `year` (1, 2 …) ends, counted from the contract's start (its signature)
 * as a period in years of Regulation 1182/71: the start day does not count (Art. 3(1)), and the
 * period ends with the last hour of the day that falls on the same date `year` years on (Art.
 * 3(2)(c); no such date, as for 29 February, is the month's last day). A year end is not a time
 * limit for an act, so it never moves off a holiday (Art. 3(4)).
 */
export function contractYearEndsAt(calendar: BuyerCalendar, startedAt: string, year: number): string {
  if (!Number.isInteger(year) || year < 1) throw new RangeError(`a contract year is a whole number ≥ 1, not ${year}`);
  const start = DateTime.fromISO(startedAt, { zone: 'utc' }).setZone(calendar.timeZone);
  return start.plus({ years: year }).endOf('day').toUTC().toISO()!;
}
