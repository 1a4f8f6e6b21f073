import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { CommandForm } from '../commands/CommandForm';
import { useCaseCommand, type CaseContext } from './useCaseCommand';

// One form per contract-manager command on a case (the API's command endpoints under
// /cases/{caseId}). Each sends with the case's revision as If-Match (useCaseCommand); the API
// validates, and its field errors appear next to the fields.

type Schemas = components['schemas'];
type Without<T> = Omit<T, 'commandId'>;

const done = (message: string) =>
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': 'Hide this message' } });

const path = (context: CaseContext) => ({ path: { caseId: context.caseId } });
const num = (value: number | string) => (value === '' ? Number.NaN : Number(value));

export function AdoptPolicyForm({ context }: { context: CaseContext }) {
  const form = useForm<Without<Schemas['AdoptPolicyDto']>>({
    mode: 'controlled',
    initialValues: { policyRef: '', codeOfConductStandards: [], includesLawOfCountryOfProduction: true },
  });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) => api.POST('/cases/{caseId}/policy', { params: path(context), body, headers }),
    () => done('Policy adopted.'),
  );
  return (
    <CommandForm command={command} submitLabel="Adopt the policy">
      <TextInput
        label="Policy reference"
        description="The buyer’s policy commitment document"
        required
        {...form.getInputProps('policyRef')}
      />
      <TagsInput
        label="Code of conduct standards"
        description="e.g. ILO C138, ILO C182; press Enter after each"
        required
        {...form.getInputProps('codeOfConductStandards')}
      />
      <Checkbox
        label="The code also requires the law of the country of production"
        {...form.getInputProps('includesLawOfCountryOfProduction', { type: 'checkbox' })}
      />
    </CommandForm>
  );
}

interface TenderValues {
  tenderRef: string;
  currency: string;
  bidDeadline: string;
  disclosure: { sharePercentAtBid: number | string; yearlyStepPercentPoints: number | string };
  compliancePlans: { annualPurchaseThreshold: number | string; dueByEndOfContractYear: number | string };
  performanceClauses: { clauseId: string; kind: 'necessary_step' | 'kpi'; description: string }[];
  awardCriteria: {
    criterionId: string;
    kind: 'price' | 'quality' | 'social';
    description: string;
    weight: number | string;
  }[];
  legalStandstill: {
    electronicNoticeDays: number | string;
    otherNoticeDays: number | string;
    periodUnit: 'calendar_days' | 'seconds';
  };
  dueDiligence: {
    questionnaireResponseDays: number | string;
    questionnaireReminderDays: string[];
    independentAuditMethod: 'on_site' | 'worker_driven';
  };
}

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

export function PublishTenderForm({ context }: { context: CaseContext }) {
  const form = useForm<TenderValues>({
    mode: 'controlled',
    initialValues: {
      tenderRef: '',
      currency: 'SEK',
      bidDeadline: inTwoWeeks(),
      disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
      compliancePlans: { annualPurchaseThreshold: 25000, dueByEndOfContractYear: 1 },
      performanceClauses: [
        { clauseId: 'factory-disclosure', kind: 'necessary_step', description: 'disclose factory names and addresses' },
      ],
      awardCriteria: [
        { criterionId: 'price', kind: 'price', description: 'price', weight: 60 },
        { criterionId: 'social', kind: 'social', description: 'supply-chain transparency', weight: 40 },
      ],
      legalStandstill: { electronicNoticeDays: 10, otherNoticeDays: 15, periodUnit: 'calendar_days' },
      dueDiligence: {
        questionnaireResponseDays: 30,
        questionnaireReminderDays: ['14', '25'],
        independentAuditMethod: 'on_site',
      },
    },
  });
  const command = useCaseCommand(
    context,
    form,
    (values, headers) =>
      api.POST('/cases/{caseId}/tender', {
        params: path(context),
        headers,
        body: {
          ...values,
          disclosure: {
            sharePercentAtBid: num(values.disclosure.sharePercentAtBid),
            yearlyStepPercentPoints: num(values.disclosure.yearlyStepPercentPoints),
          },
          compliancePlans: {
            annualPurchaseThreshold: num(values.compliancePlans.annualPurchaseThreshold),
            dueByEndOfContractYear: num(values.compliancePlans.dueByEndOfContractYear),
          },
          awardCriteria: values.awardCriteria.map((criterion) => ({ ...criterion, weight: num(criterion.weight) })),
          legalStandstill: {
            ...values.legalStandstill,
            electronicNoticeDays: num(values.legalStandstill.electronicNoticeDays),
            otherNoticeDays: num(values.legalStandstill.otherNoticeDays),
          },
          dueDiligence: {
            ...values.dueDiligence,
            questionnaireResponseDays: num(values.dueDiligence.questionnaireResponseDays),
            // The generated type says string[]; the API takes day numbers.
            questionnaireReminderDays: values.dueDiligence.questionnaireReminderDays.map(Number) as unknown as string[],
          },
        },
      }),
    () => done('Tender published; bids are taken until the deadline.'),
  );
  return (
    <CommandForm command={command} submitLabel="Publish the tender">
      <Group grow align="flex-start">
        <TextInput label="Tender reference" required {...form.getInputProps('tenderRef')} />
        <TextInput label="Currency" required {...form.getInputProps('currency')} />
        <TextInput
          label="Bid deadline"
          description="Date and time, ISO 8601 (UTC)"
          required
          {...form.getInputProps('bidDeadline')}
        />
      </Group>
      <Fieldset legend="Supply-chain disclosure and compliance plans">
        <Group grow align="flex-start">
          <NumberInput label="Share to disclose at bid (%)" {...form.getInputProps('disclosure.sharePercentAtBid')} />
          <NumberInput
            label="Yearly rise (percentage points)"
            {...form.getInputProps('disclosure.yearlyStepPercentPoints')}
          />
          <NumberInput
            label="Compliance plan above annual purchases of"
            {...form.getInputProps('compliancePlans.annualPurchaseThreshold')}
          />
          <NumberInput
            label="Plans due by end of contract year"
            {...form.getInputProps('compliancePlans.dueByEndOfContractYear')}
          />
        </Group>
      </Fieldset>
      <Fieldset legend="Award criteria">
        <Stack gap="xs">
          {form.getValues().awardCriteria.map((_, index) => (
            <Group key={index} grow align="flex-start">
              <TextInput
                label={`Criterion ${index + 1} id`}
                {...form.getInputProps(`awardCriteria.${index}.criterionId`)}
              />
              <Select
                label={`Criterion ${index + 1} kind`}
                data={['price', 'quality', 'social']}
                allowDeselect={false}
                {...form.getInputProps(`awardCriteria.${index}.kind`)}
              />
              <TextInput
                label={`Criterion ${index + 1} description`}
                {...form.getInputProps(`awardCriteria.${index}.description`)}
              />
              <NumberInput
                label={`Criterion ${index + 1} weight`}
                {...form.getInputProps(`awardCriteria.${index}.weight`)}
              />
              <ActionIcon
                variant="default"
                mt={26}
                aria-label={`Remove criterion ${index + 1}`}
                onClick={() => form.removeListItem('awardCriteria', index)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="default"
            size="xs"
            w="fit-content"
            onClick={() =>
              form.insertListItem('awardCriteria', { criterionId: '', kind: 'quality', description: '', weight: 0 })
            }
          >
            Add a criterion
          </Button>
        </Stack>
      </Fieldset>
      <Fieldset legend="Performance clauses">
        <Stack gap="xs">
          {form.getValues().performanceClauses.map((_, index) => (
            <Group key={index} grow align="flex-start">
              <TextInput
                label={`Clause ${index + 1} id`}
                {...form.getInputProps(`performanceClauses.${index}.clauseId`)}
              />
              <Select
                label={`Clause ${index + 1} kind`}
                data={[
                  { value: 'necessary_step', label: 'necessary step' },
                  { value: 'kpi', label: 'KPI' },
                ]}
                allowDeselect={false}
                {...form.getInputProps(`performanceClauses.${index}.kind`)}
              />
              <TextInput
                label={`Clause ${index + 1} description`}
                {...form.getInputProps(`performanceClauses.${index}.description`)}
              />
              <ActionIcon
                variant="default"
                mt={26}
                aria-label={`Remove clause ${index + 1}`}
                onClick={() => form.removeListItem('performanceClauses', index)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="default"
            size="xs"
            w="fit-content"
            onClick={() => form.insertListItem('performanceClauses', { clauseId: '', kind: 'kpi', description: '' })}
          >
            Add a clause
          </Button>
        </Stack>
      </Fieldset>
      <Fieldset legend="Legal standstill and due diligence">
        <Group grow align="flex-start">
          <NumberInput
            label="Standstill after electronic notice"
            {...form.getInputProps('legalStandstill.electronicNoticeDays')}
          />
          <NumberInput
            label="Standstill after other notice"
            {...form.getInputProps('legalStandstill.otherNoticeDays')}
          />
          <Select
            label="Standstill unit"
            description="Seconds only for rehearsals"
            data={[
              { value: 'calendar_days', label: 'calendar days' },
              { value: 'seconds', label: 'seconds' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('legalStandstill.periodUnit')}
          />
        </Group>
        <Group grow align="flex-start" mt="sm">
          <NumberInput
            label="Days to answer the questionnaire"
            {...form.getInputProps('dueDiligence.questionnaireResponseDays')}
          />
          <TagsInput label="Reminder days" {...form.getInputProps('dueDiligence.questionnaireReminderDays')} />
          <Select
            label="Independent audit method"
            data={[
              { value: 'on_site', label: 'on site' },
              { value: 'worker_driven', label: 'worker-driven' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('dueDiligence.independentAuditMethod')}
          />
        </Group>
      </Fieldset>
    </CommandForm>
  );
}

export function CloseBiddingForm({ context }: { context: CaseContext }) {
  const form = useForm({ mode: 'controlled', initialValues: {} });
  const command = useCaseCommand(
    context,
    form,
    (_, headers) => api.POST('/cases/{caseId}/bidding-closure', { params: path(context), body: {}, headers }),
    () => done('Bidding closed.'),
  );
  return (
    <CommandForm command={command} submitLabel="Close bidding">
      <Text size="sm">
        The tender workflow closes bidding at the deadline by itself; this closes it now if the deadline has passed.
      </Text>
    </CommandForm>
  );
}

export interface Criterion {
  readonly criterionId: string;
  readonly description: string;
  readonly weight: number;
}

export function EvaluateBidForm({
  context,
  bidId,
  criteria,
}: {
  context: CaseContext;
  bidId: string;
  criteria: readonly Criterion[];
}) {
  const form = useForm<{ scores: { criterionId: string; score: number | string }[] }>({
    mode: 'controlled',
    initialValues: { scores: criteria.map(({ criterionId }) => ({ criterionId, score: '' })) },
  });
  const command = useCaseCommand(
    context,
    form,
    (values, headers) =>
      api.POST('/cases/{caseId}/bids/{bidId}/evaluation', {
        params: { path: { caseId: context.caseId, bidId } },
        headers,
        body: { scores: values.scores.map(({ criterionId, score }) => ({ criterionId, score: num(score) })) },
      }),
    () => done(`Bid ${bidId} scored.`),
  );
  return (
    <CommandForm command={command} submitLabel={`Score ${bidId}`}>
      <Group grow align="flex-start">
        {criteria.map((criterion, index) => (
          <NumberInput
            key={criterion.criterionId}
            label={`${bidId}: ${criterion.description} (weight ${criterion.weight})`}
            description="Score from 0 to 100"
            {...form.getInputProps(`scores.${index}.score`)}
          />
        ))}
      </Group>
    </CommandForm>
  );
}

/** The mandatory grounds of Directive 2014/24 Art. 57(1) and (2), as the API names them. */
const MANDATORY_OFFENCES = [
  { value: 'participation_in_criminal_organisation', label: 'participation in a criminal organisation' },
  { value: 'corruption', label: 'corruption' },
  { value: 'fraud', label: 'fraud' },
  { value: 'terrorist_offence', label: 'terrorist offence' },
  { value: 'money_laundering_or_terrorist_financing', label: 'money laundering or terrorist financing' },
  { value: 'child_labour', label: 'child labour' },
  { value: 'trafficking_in_human_beings', label: 'trafficking in human beings' },
  { value: 'unpaid_taxes', label: 'unpaid taxes' },
  { value: 'unpaid_social_security_contributions', label: 'unpaid social security contributions' },
];

interface ExclusionValues {
  subjectKind: 'bidder' | 'subcontractor';
  subcontractorId: string;
  groundKind: 'mandatory' | 'discretionary';
  offence: string;
  convictionFinal: boolean;
  convictedOn: string;
  ground: string;
  occurredOn: string;
  facts: string;
  decision: 'exclude' | 'do_not_exclude';
  reasons: string;
  excludedUntil: string;
}

export function AssessExclusionForm({ context, bidId }: { context: CaseContext; bidId: string }) {
  const form = useForm<ExclusionValues>({
    mode: 'controlled',
    initialValues: {
      subjectKind: 'bidder',
      subcontractorId: '',
      groundKind: 'discretionary',
      offence: 'child_labour',
      convictionFinal: true,
      convictedOn: '',
      ground: 'breach_of_labour_law',
      occurredOn: '',
      facts: '',
      decision: 'do_not_exclude',
      reasons: '',
      excludedUntil: '',
    },
  });
  const values = form.getValues();
  const command = useCaseCommand(
    context,
    form,
    (v, headers) =>
      api.POST('/cases/{caseId}/bids/{bidId}/exclusion-assessments', {
        params: { path: { caseId: context.caseId, bidId } },
        headers,
        body: {
          subject: {
            kind: v.subjectKind,
            ...(v.subjectKind === 'subcontractor' ? { subcontractorId: v.subcontractorId } : {}),
          },
          ground:
            v.groundKind === 'mandatory'
              ? {
                  kind: 'mandatory',
                  offence: v.offence as 'child_labour',
                  convictionFinal: v.convictionFinal,
                  convictedOn: v.convictedOn,
                }
              : {
                  kind: 'discretionary',
                  ground: v.ground as 'breach_of_labour_law',
                  facts: v.facts,
                  occurredOn: v.occurredOn,
                },
          decision: v.decision,
          reasons: v.reasons,
          ...(v.excludedUntil ? { excludedUntil: v.excludedUntil } : {}),
        },
      }),
    () => done(`Exclusion ground on ${bidId} assessed.`),
  );
  return (
    <CommandForm command={command} submitLabel="Record the assessment">
      <Group grow align="flex-start">
        <Select
          label="Whom"
          data={['bidder', 'subcontractor']}
          allowDeselect={false}
          {...form.getInputProps('subjectKind')}
        />
        {values.subjectKind === 'subcontractor' && (
          <TextInput label="Subcontractor" {...form.getInputProps('subcontractorId')} />
        )}
        <Select
          label="Ground"
          data={['discretionary', 'mandatory']}
          allowDeselect={false}
          {...form.getInputProps('groundKind')}
        />
      </Group>
      {values.groundKind === 'mandatory' ? (
        <Group grow align="flex-start">
          <Select label="Offence" data={MANDATORY_OFFENCES} allowDeselect={false} {...form.getInputProps('offence')} />
          <TextInput
            label="Convicted on"
            description="ISO date of the final conviction; it excludes for five years from it"
            {...form.getInputProps('convictedOn')}
          />
          <Checkbox
            mt={30}
            label="The conviction is final"
            {...form.getInputProps('convictionFinal', { type: 'checkbox' })}
          />
        </Group>
      ) : (
        <Group grow align="flex-start">
          <Select
            label="Discretionary ground"
            data={[
              { value: 'breach_of_labour_law', label: 'breach of labour law' },
              { value: 'grave_professional_misconduct', label: 'grave professional misconduct' },
              { value: 'early_termination_of_earlier_contract', label: 'early termination of an earlier contract' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('ground')}
          />
          <TextInput label="Facts" {...form.getInputProps('facts')} />
          <TextInput
            label="Happened on"
            description="ISO date; the ground excludes for three years from it"
            {...form.getInputProps('occurredOn')}
          />
        </Group>
      )}
      <Group grow align="flex-start">
        <Select
          label="Decision"
          data={[
            { value: 'do_not_exclude', label: 'do not exclude' },
            { value: 'exclude', label: 'exclude' },
          ]}
          allowDeselect={false}
          {...form.getInputProps('decision')}
        />
        {values.decision === 'exclude' && (
          <TextInput label="Excluded until" description="ISO date" {...form.getInputProps('excludedUntil')} />
        )}
      </Group>
      <Textarea label="Reasons" required {...form.getInputProps('reasons')} />
    </CommandForm>
  );
}

export function ReplaceSubcontractorForm({ context, bidId }: { context: CaseContext; bidId: string }) {
  const form = useForm<Without<Schemas['ReplaceSubcontractorDto']>>({
    mode: 'controlled',
    initialValues: { subcontractorId: '', replacementSubcontractorId: '' },
  });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) =>
      api.POST('/cases/{caseId}/bids/{bidId}/subcontractor-replacements', {
        params: { path: { caseId: context.caseId, bidId } },
        body,
        headers,
      }),
    () => done('Subcontractor replaced.'),
  );
  return (
    <CommandForm command={command} submitLabel="Replace the subcontractor">
      <Group grow align="flex-start">
        <TextInput label="Subcontractor to replace" required {...form.getInputProps('subcontractorId')} />
        <TextInput label="Replacement" required {...form.getInputProps('replacementSubcontractorId')} />
      </Group>
    </CommandForm>
  );
}

export function AssessSelfCleaningForm({ context, bidId }: { context: CaseContext; bidId: string }) {
  const form = useForm<Without<Schemas['AssessSelfCleaningDto']>>({
    mode: 'controlled',
    initialValues: { decision: 'accept', reasons: '' },
  });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) =>
      api.POST('/cases/{caseId}/bids/{bidId}/self-cleaning-assessment', {
        params: { path: { caseId: context.caseId, bidId } },
        body,
        headers,
      }),
    () => done('Self-cleaning assessed.'),
  );
  return (
    <CommandForm command={command} submitLabel="Assess self-cleaning">
      <Select label="Decision" data={['accept', 'reject']} allowDeselect={false} {...form.getInputProps('decision')} />
      <Textarea label="Reasons" required {...form.getInputProps('reasons')} />
    </CommandForm>
  );
}

export function FlagLowBidForm({ context, bidId }: { context: CaseContext; bidId: string }) {
  const form = useForm({ mode: 'controlled', initialValues: { reasons: '' } });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) =>
      api.POST('/cases/{caseId}/bids/{bidId}/abnormally-low-flag', {
        params: { path: { caseId: context.caseId, bidId } },
        body,
        headers,
      }),
    () => done(`Bid ${bidId} flagged as abnormally low.`),
  );
  return (
    <CommandForm command={command} submitLabel="Flag as abnormally low">
      <Textarea label="Why the price looks abnormally low" required {...form.getInputProps('reasons')} />
    </CommandForm>
  );
}

export function RequestLowBidExplanationForm({ context, bidId }: { context: CaseContext; bidId: string }) {
  const form = useForm<{ questions: string[] }>({ mode: 'controlled', initialValues: { questions: [] } });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) =>
      api.POST('/cases/{caseId}/bids/{bidId}/low-bid-explanation-request', {
        params: { path: { caseId: context.caseId, bidId } },
        body,
        headers,
      }),
    () => done('Explanation requested.'),
  );
  return (
    <CommandForm command={command} submitLabel="Ask for an explanation">
      <TagsInput
        label="Questions to the bidder"
        description="Press Enter after each"
        required
        {...form.getInputProps('questions')}
      />
    </CommandForm>
  );
}

export function AssessLowBidExplanationForm({ context, bidId }: { context: CaseContext; bidId: string }) {
  const form = useForm<Without<Schemas['AssessLowBidExplanationDto']>>({
    mode: 'controlled',
    initialValues: {
      explanationRef: '',
      priceLowBecauseLabourOrSocialLawNotRespected: false,
      decision: 'accept',
      reasons: '',
    },
  });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) =>
      api.POST('/cases/{caseId}/bids/{bidId}/low-bid-explanation-assessment', {
        params: { path: { caseId: context.caseId, bidId } },
        body,
        headers,
      }),
    () => done('Explanation assessed.'),
  );
  return (
    <CommandForm command={command} submitLabel="Assess the explanation">
      <Group grow align="flex-start">
        <TextInput label="Explanation reference" required {...form.getInputProps('explanationRef')} />
        <Select
          label="Decision"
          data={['accept', 'reject']}
          allowDeselect={false}
          {...form.getInputProps('decision')}
        />
      </Group>
      <Checkbox
        label="The price is low because labour or social law is not respected"
        {...form.getInputProps('priceLowBecauseLabourOrSocialLawNotRespected', { type: 'checkbox' })}
      />
      <Textarea label="Reasons" required {...form.getInputProps('reasons')} />
    </CommandForm>
  );
}

export function DecideAwardForm({ context, bidIds }: { context: CaseContext; bidIds: readonly string[] }) {
  const form = useForm<Without<Schemas['DecideAwardDto']>>({
    mode: 'controlled',
    initialValues: { bidId: bidIds[0] ?? '', noticeMeans: 'electronic', reasons: '' },
  });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) => api.POST('/cases/{caseId}/award', { params: path(context), body, headers }),
    () => done('Award decided; the legal standstill runs.'),
  );
  return (
    <CommandForm command={command} submitLabel="Decide the award">
      <Group grow align="flex-start">
        <Select label="Winning bid" data={[...bidIds]} allowDeselect={false} {...form.getInputProps('bidId')} />
        <Select
          label="Notice by"
          description="Decides the standstill period"
          data={[
            { value: 'electronic', label: 'electronic means' },
            { value: 'other', label: 'other means' },
          ]}
          allowDeselect={false}
          {...form.getInputProps('noticeMeans')}
        />
      </Group>
      <Textarea label="Reasons for the award" required {...form.getInputProps('reasons')} />
    </CommandForm>
  );
}

export function RecordComplaintForm({ context }: { context: CaseContext }) {
  const form = useForm<Without<Schemas['SubmitComplaintDto']>>({
    mode: 'controlled',
    initialValues: { complaintId: '', complainant: '', grounds: '' },
  });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) => api.POST('/cases/{caseId}/complaints', { params: path(context), body, headers }),
    () => done('Complaint recorded; the contract may not be signed while it is pending.'),
  );
  return (
    <CommandForm command={command} submitLabel="Record the complaint">
      <Group grow align="flex-start">
        <TextInput label="Complaint id" required {...form.getInputProps('complaintId')} />
        <TextInput label="Complainant" required {...form.getInputProps('complainant')} />
      </Group>
      <Textarea label="Grounds" required {...form.getInputProps('grounds')} />
    </CommandForm>
  );
}

type ComplaintStep = 'acceptance' | 'upholding' | 'dismissal' | 'withdrawal';
const COMPLAINT_STEPS: Record<ComplaintStep, string> = {
  acceptance: 'Accept for review',
  upholding: 'Uphold',
  dismissal: 'Dismiss',
  withdrawal: 'Record withdrawal',
};

export function ComplaintDecisionForm({ context, complaintId }: { context: CaseContext; complaintId: string }) {
  const form = useForm<{ step: ComplaintStep; reasons: string; cancelAward: boolean }>({
    mode: 'controlled',
    initialValues: { step: 'acceptance', reasons: '', cancelAward: false },
  });
  const { step } = form.getValues();
  const command = useCaseCommand(
    context,
    form,
    ({ step: chosen, reasons, cancelAward }, headers) => {
      const params = { path: { caseId: context.caseId, complaintId } };
      switch (chosen) {
        case 'acceptance':
          return api.POST('/cases/{caseId}/complaints/{complaintId}/acceptance', { params, body: {}, headers });
        case 'upholding':
          return api.POST('/cases/{caseId}/complaints/{complaintId}/upholding', {
            params,
            body: { reasons, cancelAward },
            headers,
          });
        case 'dismissal':
          return api.POST('/cases/{caseId}/complaints/{complaintId}/dismissal', { params, body: { reasons }, headers });
        case 'withdrawal':
          return api.POST('/cases/{caseId}/complaints/{complaintId}/withdrawal', { params, body: {}, headers });
      }
    },
    () => done(`Complaint ${complaintId}: decision recorded.`),
  );
  return (
    <CommandForm command={command} submitLabel={COMPLAINT_STEPS[step]}>
      <Select
        label={`Decision on ${complaintId}`}
        data={Object.entries(COMPLAINT_STEPS).map(([value, label]) => ({ value, label }))}
        allowDeselect={false}
        {...form.getInputProps('step')}
      />
      {(step === 'upholding' || step === 'dismissal') && (
        <Textarea label="Reasons" required {...form.getInputProps('reasons')} />
      )}
      {step === 'upholding' && (
        <Checkbox
          label="Cancel the award and return to evaluation"
          {...form.getInputProps('cancelAward', { type: 'checkbox' })}
        />
      )}
    </CommandForm>
  );
}

export function SignContractForm({ context }: { context: CaseContext }) {
  const form = useForm<Without<Schemas['SignContractDto']>>({ mode: 'controlled', initialValues: { contractId: '' } });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) => api.POST('/cases/{caseId}/contract', { params: path(context), body, headers }),
    () => done('Contract signed; the first contract year begins.'),
  );
  return (
    <CommandForm command={command} submitLabel="Sign the contract">
      <TextInput label="Contract id" required {...form.getInputProps('contractId')} />
    </CommandForm>
  );
}

export function KpiProgressForm({ context }: { context: CaseContext }) {
  const form = useForm<{ clauseId: string; period: string; value: number | string; target: number | string }>({
    mode: 'controlled',
    initialValues: { clauseId: '', period: '', value: '', target: '' },
  });
  const command = useCaseCommand(
    context,
    form,
    (v, headers) =>
      api.POST('/cases/{caseId}/contract/kpi-progress', {
        params: path(context),
        body: { ...v, value: num(v.value), target: num(v.target) },
        headers,
      }),
    () => done('KPI progress recorded.'),
  );
  return (
    <CommandForm command={command} submitLabel="Record KPI progress">
      <Group grow align="flex-start">
        <TextInput label="KPI clause" required {...form.getInputProps('clauseId')} />
        <TextInput label="Period" description="e.g. 2026-Q2" required {...form.getInputProps('period')} />
        <NumberInput label="Value" required {...form.getInputProps('value')} />
        <NumberInput label="Target" required {...form.getInputProps('target')} />
      </Group>
    </CommandForm>
  );
}

export function ClauseBreachForm({ context }: { context: CaseContext }) {
  const form = useForm<Without<Schemas['RecordClauseBreachDto']>>({
    mode: 'controlled',
    initialValues: { clauseId: '', breachId: '', description: '', findingId: '' },
  });
  const command = useCaseCommand(
    context,
    form,
    ({ findingId, ...body }, headers) =>
      api.POST('/cases/{caseId}/contract/clause-breaches', {
        params: path(context),
        body: { ...body, ...(findingId ? { findingId } : {}) },
        headers,
      }),
    () => done('Breach recorded.'),
  );
  return (
    <CommandForm command={command} submitLabel="Record the breach">
      <Group grow align="flex-start">
        <TextInput label="Clause (necessary step)" required {...form.getInputProps('clauseId')} />
        <TextInput label="Breach id" required {...form.getInputProps('breachId')} />
        <TextInput label="Finding (optional)" {...form.getInputProps('findingId')} />
      </Group>
      <Textarea label="What was missed" required {...form.getInputProps('description')} />
    </CommandForm>
  );
}

export function SanctionForm({ context }: { context: CaseContext }) {
  const form = useForm<{
    sanctionId: string;
    clauseId: string;
    breachId: string;
    sanction: Schemas['ImposeSanctionDto']['sanction'];
    amount: number | string;
    reasons: string;
  }>({
    mode: 'controlled',
    initialValues: { sanctionId: '', clauseId: '', breachId: '', sanction: 'formal_warning', amount: '', reasons: '' },
  });
  const command = useCaseCommand(
    context,
    form,
    ({ amount, ...body }, headers) =>
      api.POST('/cases/{caseId}/contract/sanctions', {
        params: path(context),
        body: { ...body, ...(amount === '' ? {} : { amount: num(amount) }) },
        headers,
      }),
    () => done('Sanction imposed.'),
  );
  return (
    <CommandForm command={command} submitLabel="Impose the sanction">
      <Group grow align="flex-start">
        <TextInput label="Sanction id" required {...form.getInputProps('sanctionId')} />
        <TextInput label="Clause" required {...form.getInputProps('clauseId')} />
        <TextInput label="Breach" required {...form.getInputProps('breachId')} />
      </Group>
      <Group grow align="flex-start">
        <Select
          label="Sanction"
          data={[
            { value: 'formal_warning', label: 'formal warning' },
            { value: 'payment_withheld', label: 'payment withheld' },
            { value: 'liquidated_damages', label: 'liquidated damages' },
          ]}
          allowDeselect={false}
          {...form.getInputProps('sanction')}
        />
        <NumberInput label="Amount (if any)" {...form.getInputProps('amount')} />
      </Group>
      <Textarea label="Reasons" required {...form.getInputProps('reasons')} />
    </CommandForm>
  );
}

export function CloseContractForm({ context }: { context: CaseContext }) {
  const form = useForm({ mode: 'controlled', initialValues: { reasons: '' } });
  const command = useCaseCommand(
    context,
    form,
    (body, headers) => api.POST('/cases/{caseId}/contract/closure', { params: path(context), body, headers }),
    () => done('Contract closed.'),
  );
  return (
    <CommandForm command={command} submitLabel="Close the contract">
      <Textarea label="Why the contract is closed" required {...form.getInputProps('reasons')} />
    </CommandForm>
  );
}

interface BidValues {
  bidId: string;
  supplierId: string;
  price: number | string;
  disclosedSharePercent: number | string;
  factories: { factoryId: string; annualPurchases: number | string }[];
  subcontractorIds: string[];
  selfDeclarations: Schemas['SelfDeclarationsDto'];
}

const DECLARATIONS: Record<keyof Schemas['SelfDeclarationsDto'], string> = {
  noConvictionForChildLabourOrTrafficking: 'No conviction for child labour or trafficking',
  noGraveProfessionalMisconduct: 'No grave professional misconduct',
  compliesWithLabourLaw: 'Complies with labour law',
  noEarlierContractTerminatedEarly: 'No earlier contract terminated early',
  acceptsCodeOfConduct: 'Accepts the code of conduct',
};

/** A bid received outside the platform (e.g. on paper), recorded by the contract manager for its bidder. */
export function RecordBidForm({ context }: { context: CaseContext }) {
  const form = useForm<BidValues>({
    mode: 'controlled',
    initialValues: {
      bidId: '',
      supplierId: '',
      price: '',
      disclosedSharePercent: '',
      factories: [{ factoryId: '', annualPurchases: '' }],
      subcontractorIds: [],
      selfDeclarations: {
        noConvictionForChildLabourOrTrafficking: false,
        noGraveProfessionalMisconduct: false,
        compliesWithLabourLaw: false,
        noEarlierContractTerminatedEarly: false,
        acceptsCodeOfConduct: false,
      },
    },
  });
  const command = useCaseCommand(
    context,
    form,
    (v, headers) =>
      api.POST('/cases/{caseId}/bids', {
        params: path(context),
        headers,
        body: {
          bidId: v.bidId,
          supplierId: v.supplierId,
          price: num(v.price),
          supplyChainDisclosure: {
            disclosedSharePercent: num(v.disclosedSharePercent),
            factories: v.factories.map((factory) => ({ ...factory, annualPurchases: num(factory.annualPurchases) })),
          },
          selfDeclarations: v.selfDeclarations,
          subcontractorIds: v.subcontractorIds,
        },
      }),
    () => done('Bid recorded.'),
  );
  return (
    <CommandForm command={command} submitLabel="Record the bid">
      <Group grow align="flex-start">
        <TextInput label="Bid id" required {...form.getInputProps('bidId')} />
        <TextInput label="Bidder (supplier id)" required {...form.getInputProps('supplierId')} />
        <NumberInput label="Price" required {...form.getInputProps('price')} />
        <NumberInput
          label="Share of supply chain disclosed (%)"
          required
          {...form.getInputProps('disclosedSharePercent')}
        />
      </Group>
      <Fieldset legend="Disclosed factories">
        <Stack gap="xs">
          {form.getValues().factories.map((_, index) => (
            <Group key={index} grow align="flex-start">
              <TextInput label={`Factory ${index + 1}`} {...form.getInputProps(`factories.${index}.factoryId`)} />
              <NumberInput
                label={`Factory ${index + 1} annual purchases`}
                {...form.getInputProps(`factories.${index}.annualPurchases`)}
              />
            </Group>
          ))}
          <Button
            variant="default"
            size="xs"
            w="fit-content"
            onClick={() => form.insertListItem('factories', { factoryId: '', annualPurchases: '' })}
          >
            Add a factory
          </Button>
        </Stack>
      </Fieldset>
      <TagsInput
        label="Subcontractors"
        description="Press Enter after each"
        {...form.getInputProps('subcontractorIds')}
      />
      <Fieldset legend="The bidder’s self-declarations">
        <Stack gap="xs">
          {Object.entries(DECLARATIONS).map(([key, label]) => (
            <Checkbox
              key={key}
              label={label}
              {...form.getInputProps(`selfDeclarations.${key}`, { type: 'checkbox' })}
            />
          ))}
        </Stack>
      </Fieldset>
    </CommandForm>
  );
}
