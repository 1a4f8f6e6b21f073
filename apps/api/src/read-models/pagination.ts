import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?limit=&offset=` on every list that can grow. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'Items per page', minimum: 1, maximum: 100, default: 50, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Items to skip', minimum: 0, maximum: 100000, default: 0, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;
}

export class PageInfo {
  @ApiProperty({ example: 20 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
  @ApiProperty({
    description: 'Offset of the next page; null on the last page',
    example: 20,
    nullable: true,
    type: Number,
  })
  nextOffset!: number | null;
}

export interface Page<T> {
  readonly items: T[];
  readonly page: PageInfo;
}

/** SQL `LIMIT/OFFSET` for a page query, asking one row more to know whether a next page exists. */
export function pageBounds(query: PageQuery): { limit: number; offset: number; fetch: number } {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  return { limit, offset, fetch: limit + 1 };
}

export function toPage<Row, T>(
  rows: readonly Row[],
  bounds: { limit: number; offset: number },
  map: (row: Row) => T,
): Page<T> {
  const more = rows.length > bounds.limit;
  return {
    items: rows.slice(0, bounds.limit).map(map),
    page: { limit: bounds.limit, offset: bounds.offset, nextOffset: more ? bounds.offset + bounds.limit : null },
  };
}

/** An instant from a timestamptz column (a Date from pg and PGlite), as ISO-8601 text. */
export const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();
