import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

/**
 * An effective date: when a fact from outside happened, if not at the request. An instant with its
 * offset; at most five minutes ahead of the engine's clock, never before what it answers. A date
 * in the past is recorded as backdated (by whom, how far back).
 */
export function EffectiveDate(what: string, example: string) {
  return applyDecorators(
    ApiPropertyOptional({
      description: `${what}, if not now: an ISO-8601 instant with its offset. Earlier than now is recorded as backdated; later than now (beyond five minutes of clock skew) is refused (422 effective_date.in_future)`,
      example,
    }),
    IsOptional(),
    IsISO8601({ strict: true }),
    Matches(/T\d{2}:\d{2}/, {
      message: 'occurredAt must be an instant with a time of day, e.g. 2026-12-22T15:00:00+01:00',
    }),
  );
}
