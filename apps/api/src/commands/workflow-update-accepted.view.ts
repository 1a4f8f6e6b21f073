import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class WorkflowUpdateAcceptedView {
  @ApiProperty({ example: 'breach-escalation:stockholm-county-council/danwatch-f-shenzhen-1' }) workflowId!: string;
  @ApiProperty({ example: 'submitCorrectiveActionPlan' }) update!: string;
  @ApiProperty({
    description: 'The update id: a retry with the same key returns the first outcome',
    example: 'scc:cap-1',
  })
  updateId!: string;
  @ApiPropertyOptional({ description: 'What the workflow returned, if anything', example: { onTime: true } })
  result?: unknown;
}
