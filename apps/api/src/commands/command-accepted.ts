import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CommandResult } from '@pj/application';
import type { Event } from '@pj/domain';
import { formatPosition } from '@pj/event-store';

export class CommandAccepted {
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) id!: string;
  @ApiProperty({ description: 'Stream revision after the command', example: 0 }) revision!: number;
  @ApiProperty({ description: 'Events the command recorded', example: ['CaseOpened'] }) events!: string[];
  @ApiProperty({ description: 'True when this is the first result of a retried command', example: false })
  replayed!: boolean;
  @ApiPropertyOptional({
    description:
      'Log position of the command’s last event (of the first result, for a retry; of the stream’s last event ' +
      'when it recorded nothing), also in the Log-Position header: send it as Min-Log-Position to read your write',
    example: '7421/153',
  })
  position?: string;

  static from(id: string, result: CommandResult<Event>): CommandAccepted {
    return {
      id,
      revision: result.nextExpectedRevision,
      events: result.events.map((event) => event.type),
      replayed: result.replayed,
      ...(result.position ? { position: formatPosition(result.position) } : {}),
    };
  }
}
