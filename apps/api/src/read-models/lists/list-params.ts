import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformTo } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MaxLength } from 'class-validator';
import { sortNames, type ListSpec } from './list-spec';

/** What every list reads from its query string besides its own filters. */
export interface ListQueryParams {
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: string;
  readonly q?: string;
}

export const DEFAULT_LIMIT = 50;

/**
 * The query DTO of a list: `limit`, `cursor`, `sort` (the list's own sorts, documented and
 * validated) and, when the list searches, `q`. A list's filters are the properties of a class
 * that extends it: `class ListCasesParams extends ListParams(caseList) { phase?: … }`.
 */
export function ListParams<View>(spec: ListSpec<View, never>): Type<ListQueryParams> {
  const sorts = sortNames(spec).flatMap((name) => [name, `-${name}`]);

  class Params implements ListQueryParams {
    @ApiPropertyOptional({
      description: 'Items per page',
      minimum: 1,
      maximum: 100,
      default: DEFAULT_LIMIT,
      example: 20,
    })
    @IsOptional()
    @TransformTo(() => Number)
    @IsInt()
    @Min(1)
    @Max(100)
    limit?: number;

    @ApiPropertyOptional({
      description:
        'Where the page starts: `page.nextCursor` of the previous page (also in the `Link: rel="next"` header). ' +
        'Opaque; it holds the sort it was made for, and a cursor of another list or sort is refused',
      example: 'eyJsIjoiY2FzZXMiLCJzIjoiLXVwZGF0ZWRBdCIsImsiOlsiMjAyNi0wOS0xNFQxMjozMDowMC4wMDAwMDBaIiwiYy0xIl19',
    })
    @IsOptional()
    @IsString()
    @MaxLength(4096)
    @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor this API gave (base64url)' })
    cursor?: string;

    @ApiPropertyOptional({
      description: 'Sort by this field, `-field` for descending; ties are broken by the id',
      enum: sorts,
      default: spec.defaultSort,
      example: spec.defaultSort,
    })
    @IsOptional()
    @IsIn(sorts, { message: `sort must be one of ${sorts.join(', ')}` })
    sort?: string;
  }
  if (spec.search === undefined) return Params;

  class SearchableParams extends Params {
    @ApiPropertyOptional({
      description:
        'Free-text search: items whose text holds every word, each as a prefix, ignoring case and accents ' +
        '("muller shen" finds "Müller Shenzhen")',
      example: 'shenzhen',
      maxLength: 200,
    })
    @IsOptional()
    @IsString()
    @MaxLength(200)
    @Matches(/[\p{L}\p{N}]/u, { message: 'q must hold a word (a letter or a digit)' })
    q?: string;
  }
  return SearchableParams;
}

export class PageInfo {
  @ApiProperty({ example: 20 }) limit!: number;
  @ApiProperty({
    description: 'Cursor of the next page (pass it as `?cursor=`); null on the last page',
    example: 'eyJsIjoiY2FzZXMiLCJzIjoiLXVwZGF0ZWRBdCIsImsiOlsiMjAyNi0wOS0xNFQxMjozMDowMC4wMDAwMDBaIiwiYy0xIl19',
    nullable: true,
    type: String,
  })
  nextCursor!: string | null;
}

export interface Page<T> {
  readonly items: T[];
  readonly page: PageInfo;
}

/** The response class of a list of `view` items: `class GrievancePage extends PageOf(GrievanceView) {}`. */
export function PageOf<T>(view: Type<T>): Type<Page<T>> {
  class PageOfView implements Page<T> {
    @ApiProperty({ type: [view] }) items!: T[];
    @ApiProperty({ type: PageInfo }) page!: PageInfo;
  }
  return PageOfView;
}
