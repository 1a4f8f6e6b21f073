import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { apiPath } from '../api-prefix';
import { ListParams, PageOf } from './lists/list-params';
import { decimal, defineList, instant, text } from './lists/list-spec';

export const OBLIGATION_KINDS = [
  'questionnaire',
  'compliance_plan',
  'supply_chain_disclosure',
  'corrective_action_plan',
  'low_bid_explanation',
  'document_request',
] as const;

/** Something a supplier owes the buyer, with its deadline and where to act on it. */
export class ObligationView {
  @ApiProperty({ example: 'questionnaire:3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11:scc-dell-2026.year-1' })
  obligationId!: string;
  @ApiProperty({ enum: OBLIGATION_KINDS, example: 'questionnaire' }) kind!: string;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiPropertyOptional({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11', nullable: true, type: String })
  caseId!: string | null;
  @ApiProperty({
    description:
      'What it is about: the questionnaire, the factory of a compliance plan, the contract year, the finding, the bid',
    example: 'scc-dell-2026.year-1',
  })
  subjectId!: string;
  @ApiPropertyOptional({ example: 'f-shenzhen-1', nullable: true, type: String }) factoryId!: string | null;
  @ApiPropertyOptional({ example: 1, nullable: true, type: Number }) contractYear!: number | null;
  @ApiPropertyOptional({
    description: 'The deadline the buyer set; null when it set none',
    example: '2026-05-01T09:00:00.000Z',
    nullable: true,
    type: String,
  })
  dueAt!: string | null;
  @ApiProperty({
    enum: ['open', 'overdue'],
    description: 'overdue once the buyer’s workflow has recorded it so',
    example: 'open',
  })
  status!: string;
  @ApiPropertyOptional({
    description: 'Where to fulfil it over this API (method and absolute path); null when it is answered outside it',
    example:
      'POST /api/cases/3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11/contract/questionnaires/scc-dell-2026.year-1/answers',
    nullable: true,
    type: String,
  })
  action!: string | null;
}

const casePath = (rest: string) => `'POST ${apiPath('/cases/')}' || case_id || ${rest}`;

/**
 * Everything a supplier owes, one row each, from the read models that hold it: open questionnaires,
 * compliance plans still due per factory and the current year's supply-chain disclosure (of
 * contracts in performance), corrective action plans requested or overdue, low-bid explanations
 * asked for, and documents requested and not yet disclosed.
 */
const obligations = `(
  SELECT q.organisation_id, q.supplier_id, q.case_id, 'questionnaire' AS kind,
         replace(q.questionnaire_id, '/', '.') AS subject_id, NULL::text AS factory_id, q.contract_year,
         q.deadline AS due_at, CASE WHEN q.status = 'supplier_silent' THEN 'overdue' ELSE 'open' END AS status
    FROM rm_questionnaires q
    JOIN rm_cases c ON c.organisation_id = q.organisation_id AND c.case_id = q.case_id AND c.phase = 'in_performance'
   WHERE q.status IN ('issued', 'supplier_silent')
  UNION ALL
  SELECT d.organisation_id, d.supplier_id, d.case_id, 'compliance_plan', plan.factory_id, plan.factory_id,
         d.current_year, d.compliance_plans_due_by,
         CASE WHEN EXISTS (SELECT 1 FROM json_array_elements_text(d.compliance_plans_overdue) late
                            WHERE late = plan.factory_id) THEN 'overdue' ELSE 'open' END
    FROM rm_due_diligence_contracts d
    JOIN rm_cases c ON c.organisation_id = d.organisation_id AND c.case_id = d.case_id AND c.phase = 'in_performance'
   CROSS JOIN LATERAL json_array_elements_text(d.compliance_plans_required) AS plan(factory_id)
   WHERE NOT EXISTS (SELECT 1 FROM json_array_elements(d.compliance_plans_submitted) submitted
                      WHERE submitted->>'factoryId' = plan.factory_id)
  UNION ALL
  SELECT y.organisation_id, y.supplier_id, y.case_id, 'supply_chain_disclosure', y.contract_id || '.year-' || y.contract_year,
         NULL, y.contract_year, NULL, 'open'
    FROM rm_due_diligence_cycles y
    JOIN rm_due_diligence_contracts d ON d.organisation_id = y.organisation_id AND d.case_id = y.case_id
     AND d.current_year = y.contract_year
    JOIN rm_cases c ON c.organisation_id = y.organisation_id AND c.case_id = y.case_id AND c.phase = 'in_performance'
   WHERE y.disclosed_at IS NULL
  UNION ALL
  SELECT f.organisation_id, f.contractor_id, f.case_id, 'corrective_action_plan', f.finding_id, f.factory_id, NULL,
         f.plan_due_by, CASE WHEN f.plan_status = 'overdue' THEN 'overdue' ELSE 'open' END
    FROM rm_findings f
   WHERE f.plan_status IN ('requested', 'overdue') AND f.contractor_id IS NOT NULL
     AND f.dismissed_at IS NULL AND f.closed_at IS NULL
  UNION ALL
  SELECT b.organisation_id, b.supplier_id, b.case_id, 'low_bid_explanation', b.bid_id, NULL, NULL, NULL, 'open'
    FROM rm_bids b
   WHERE b.low_price_review = 'explanation_requested' AND b.status NOT IN ('rejected', 'excluded')
  UNION ALL
  SELECT r.organisation_id, r.supplier_id, r.case_id, 'document_request', r.request_id, NULL, NULL, r.deadline,
         CASE WHEN r.status = 'unanswered' THEN 'overdue' ELSE 'open' END
    FROM rm_document_requests r
    JOIN rm_cases c ON c.organisation_id = r.organisation_id AND c.case_id = r.case_id AND c.phase = 'in_performance'
   WHERE r.status IN ('requested', 'unanswered')
) obligation`;

/** What suppliers owe, nearest deadline first (those without one last); a supplier sees its own. */
export const obligationList = defineList<ObligationView, { kind?: string; caseId?: string; supplierId?: string }>({
  name: 'obligations',
  from: obligations,
  scope: { organisationColumn: 'organisation_id' },
  fields: {
    obligationId: text(`kind || ':' || coalesce(case_id, '') || ':' || subject_id`),
    kind: text('kind'),
    supplierId: text('supplier_id'),
    caseId: text('case_id', { nullable: true }),
    subjectId: text('subject_id'),
    factoryId: text('factory_id', { nullable: true }),
    contractYear: decimal('contract_year', { nullable: true }),
    dueAt: instant('due_at', { nullable: true }),
    status: text('status'),
    action: text(
      `CASE kind
        WHEN 'questionnaire' THEN ${casePath(`'/contract/questionnaires/' || subject_id || '/answers'`)}
        WHEN 'compliance_plan' THEN ${casePath(`'/contract/compliance-plans'`)}
        WHEN 'supply_chain_disclosure' THEN ${casePath(`'/contract/supply-chain-disclosures'`)}
        WHEN 'corrective_action_plan' THEN 'POST ${apiPath('/findings/')}' || subject_id || '/corrective-action-plan'
        WHEN 'document_request' THEN ${casePath(`'/contract/document-requests/' || subject_id || '/disclosure'`)}
      END`,
      { nullable: true },
    ),
  },
  id: 'obligationId',
  sorts: ['dueAt'],
  defaultSort: 'dueAt',
  where: ({ kind, caseId, supplierId }, bind) => [
    kind && `kind = ${bind(kind)}`,
    caseId && `case_id = ${bind(caseId)}`,
    supplierId && `supplier_id = ${bind(supplierId)}`,
  ],
  parties: { supplier: (supplierId, bind) => `supplier_id = ${bind(supplierId)}` },
});

export class ListObligationsParams extends ListParams(obligationList) {
  @ApiPropertyOptional({ enum: OBLIGATION_KINDS, example: 'questionnaire' })
  @IsOptional()
  @IsIn(OBLIGATION_KINDS)
  kind?: (typeof OBLIGATION_KINDS)[number];

  @ApiPropertyOptional({ description: 'Only this case’s', example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ description: 'Only this supplier’s (buyer roles)', example: 'dell' })
  @IsOptional()
  @IsString()
  supplierId?: string;
}

export class ObligationPage extends PageOf(ObligationView) {}
