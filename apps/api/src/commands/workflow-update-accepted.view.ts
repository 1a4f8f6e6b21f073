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
  @ApiPropertyOptional({
    description:
      'Log position of the last event the update recorded, also in the Log-Position header: send it as ' +
      'Min-Log-Position to read your write',
    example: '7421/153',
  })
  position?: string;
}
