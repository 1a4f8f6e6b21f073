/**
 * Calendar arithmetic on ISO-8601 instants. Pure: every instant comes from command metadata or
 * event data, never from a clock.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export function addCalendarDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * DAY_MS).toISOString();
}

export function addYears(instant: string, years: number): string {
  const date = new Date(Date.parse(instant));
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
}

export function isBefore(instant: string, other: string): boolean {
  return Date.parse(instant) < Date.parse(other);
}

export function isAfter(instant: string, other: string): boolean {
  return Date.parse(instant) > Date.parse(other);
}

export function isValidInstant(instant: string): boolean {
  return typeof instant === 'string' && !Number.isNaN(Date.parse(instant));
}
