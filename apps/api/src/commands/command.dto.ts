import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** Every command body may carry its own id instead of the Idempotency-Key header. */
export class CommandDto {
  @ApiPropertyOptional({
    description: 'Command id for idempotent retries (alternative to the Idempotency-Key header)',
    example: 'scc-2026-0001-step',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  commandId?: string;
}
