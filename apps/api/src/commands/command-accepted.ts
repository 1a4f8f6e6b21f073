import { ApiProperty } from '@nestjs/swagger';
import type { CommandResult } from '@pj/application';
import type { Event } from '@pj/domain';

export class CommandAccepted {
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) id!: string;
  @ApiProperty({ description: 'Stream revision after the command', example: 0 }) revision!: number;
  @ApiProperty({ description: 'Events the command recorded', example: ['CaseOpened'] }) events!: string[];
  @ApiProperty({ description: 'True when this is the first result of a retried command', example: false })
  replayed!: boolean;

  static from(id: string, result: CommandResult<Event>): CommandAccepted {
    return {
      id,
      revision: result.nextExpectedRevision,
      events: result.events.map((event) => event.type),
      replayed: result.replayed,
    };
  }
}
