import {
  Accordion,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  List,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import type { components } from '../api/schema';
import { Section } from '../layout/Section';
import { usePageTitle } from '../layout/usePageTitle';
import { useCaseEvents, type LiveState } from '../live/useCaseEvents';
import { useSession } from '../session/session';
import { nextStepOf, STAGES, type NextStep } from './case-journey';
import {
  AdoptPolicyForm,
  AssessExclusionForm,
  AssessLowBidExplanationForm,
  AssessSelfCleaningForm,
  ClauseBreachForm,
  CloseBiddingForm,
  CloseContractForm,
  ComplaintDecisionForm,
  DecideAwardForm,
  EvaluateBidForm,
  FlagLowBidForm,
  KpiProgressForm,
  PublishTenderForm,
  RecordBidForm,
  RecordComplaintForm,
  ReplaceSubcontractorForm,
  RequestLowBidExplanationForm,
  SanctionForm,
  SignContractForm,
  type Criterion,
} from './CaseCommandForms';
import { phaseLabel } from './phases';
import { caseViewKey, type CaseContext } from './useCaseCommand';

type Schemas = components['schemas'];
type Bid = Schemas['BidView'];
type Complaint = Schemas['ComplaintView'];

const AFTER_TENDER = ['tendering', 'evaluation', 'awarded', 'in_performance', 'closed', 'terminated'];
const AFTER_AWARD = ['awarded', 'in_performance', 'closed', 'terminated'];
const AFTER_SIGNING = ['in_performance', 'closed', 'terminated'];

/**
 * A case (GET /cases/{caseId} and its reads): the stage stepper with what comes next and what
 * blocks it, a form for each contract-manager command of the stage, the bids, the legal
 * standstill with its countdown and complaints, the contract year and the timeline. Live
 * updates (Server-Sent Events) refetch it as the case changes.
 */
export function CasePage() {
  const { caseId = '' } = useParams();
  const session = useSession();
  const live = useCaseEvents(caseId ? [caseId] : [], [['case', caseId]]);
  const view = useQuery({
    queryKey: caseViewKey(caseId),
    queryFn: async () => dataOf(await api.GET('/cases/{caseId}', { params: { path: { caseId } } })),
  });
  const phase = view.data?.phase;
  const requirements = useQuery({
    queryKey: ['case', caseId, 'requirements'],
    queryFn: async () => dataOf(await api.GET('/cases/{caseId}/requirements', { params: { path: { caseId } } })),
    enabled: view.isSuccess,
  });
  const bids = useQuery({
    queryKey: ['case', caseId, 'bids'],
    queryFn: async () =>
      dataOf(await api.GET('/cases/{caseId}/bids', { params: { path: { caseId }, query: { limit: 100 } } })).items,
    enabled: phase !== undefined && AFTER_TENDER.includes(phase),
  });
  const complaints = useQuery({
    queryKey: ['case', caseId, 'complaints'],
    queryFn: async () => dataOf(await api.GET('/complaints', { params: { query: { caseId, limit: 100 } } })).items,
    enabled: phase !== undefined && AFTER_AWARD.includes(phase),
  });
  usePageTitle(view.data?.title ?? 'Case');

  if (view.isPending) return <Loader aria-label="Loading the case" />;
  if (view.isError)
    return (
      <Alert color="red" title="The case could not be read">
        {view.error.message}
      </Alert>
    );

  const context: CaseContext = { caseId, revision: view.data.revision };
  const step = nextStepOf({
    view: view.data,
    requirements: requirements.data,
    bids: bids.data,
    complaints: complaints.data,
  });
  const acts = session?.user.role === 'contract_manager';
  const criteria = (requirements.data?.tender?.awardCriteria ?? []) as unknown as Criterion[];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text size="sm">
            <Link to="/cases">Case board</Link>
          </Text>
          <Title order={1}>{view.data.title}</Title>
          <Text size="sm">
            {view.data.productCategory} · made in {view.data.countriesOfProduction.join(', ')} · risk{' '}
            {view.data.riskLevel ?? 'being screened'} · revision {view.data.revision}
          </Text>
        </Stack>
        <Group>
          <Badge color="gray" size="lg">
            {phaseLabel(view.data.phase)}
          </Badge>
          <LiveBadge state={live} />
        </Group>
      </Group>

      <Section title="Where the case stands">
        <Stepper active={step.stage} size="sm" allowNextStepsSelect={false} aria-label="Stages of the case">
          {STAGES.map((stage) => (
            <Stepper.Step key={stage.label} label={stage.label} description={stage.description} />
          ))}
        </Stepper>
        <NextStepCard step={step} />
      </Section>

      {acts && (
        <StageForms context={context} phase={view.data.phase} requirements={requirements.data} bids={bids.data} />
      )}

      {bids.data && (
        <Section title="Bids">
          <BidTable bids={bids.data} />
          {acts && view.data.phase === 'evaluation' && (
            <BidDecisions context={context} bids={bids.data} criteria={criteria} />
          )}
        </Section>
      )}

      {requirements.data?.award && (
        <Section title="Legal standstill">
          <StandstillCard award={requirements.data.award} />
          <ComplaintTable complaints={complaints.data ?? []} />
          {acts && view.data.phase === 'awarded' && (
            <Accordion variant="contained">
              <Accordion.Item value="record">
                <Accordion.Control>Record a complaint received</Accordion.Control>
                <Accordion.Panel>
                  <RecordComplaintForm context={context} />
                </Accordion.Panel>
              </Accordion.Item>
              {(complaints.data ?? [])
                .filter((complaint) => complaint.holdsSignature)
                .map((complaint) => (
                  <Accordion.Item key={complaint.complaintId} value={complaint.complaintId}>
                    <Accordion.Control>Decide on {complaint.complaintId}</Accordion.Control>
                    <Accordion.Panel>
                      <ComplaintDecisionForm context={context} complaintId={complaint.complaintId} />
                    </Accordion.Panel>
                  </Accordion.Item>
                ))}
            </Accordion>
          )}
        </Section>
      )}

      {AFTER_SIGNING.includes(view.data.phase) && (
        <ContractYear caseId={caseId} terms={requirements.data?.contract ?? undefined} />
      )}

      <Timeline caseId={caseId} />
    </Stack>
  );
}

function LiveBadge({ state }: { state: LiveState }) {
  const words = { connecting: 'Connecting live updates', live: 'Live', reconnecting: 'Live updates reconnecting' }[
    state
  ];
  return (
    <Text size="sm" fw={700} role="status">
      {words}
    </Text>
  );
}

function NextStepCard({ step }: { step: NextStep }) {
  return (
    <Stack gap="xs">
      <Text>
        <strong>Next:</strong> {step.next} <Text span>({step.by})</Text>
      </Text>
      {step.blockers.length > 0 && (
        <Alert color="blue" title="What blocks it">
          <List>
            {step.blockers.map((blocker, index) => (
              <List.Item key={index}>
                {blocker.sentence}
                {blocker.detail && ` — ${blocker.detail}`} <Code>{blocker.code}</Code>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

/** The form of the stage's next contract-manager command. */
function StageForms({
  context,
  phase,
  requirements,
  bids,
}: {
  context: CaseContext;
  phase: string;
  requirements?: Schemas['CaseRequirements'];
  bids?: readonly Bid[];
}) {
  switch (phase) {
    case 'policy':
      return requirements?.policyRef ? (
        <Section title="Publish the tender">
          <Text size="sm">Policy {requirements.policyRef} is adopted.</Text>
          <PublishTenderForm context={context} />
        </Section>
      ) : (
        <Section title="Adopt the policy">
          <AdoptPolicyForm context={context} />
        </Section>
      );
    case 'tendering':
      return (
        <>
          <Section title="Close bidding">
            <CloseBiddingForm context={context} />
          </Section>
          <Section title="Record a bid received outside the platform">
            <Accordion variant="contained">
              <Accordion.Item value="bid">
                <Accordion.Control>Record a bid</Accordion.Control>
                <Accordion.Panel>
                  <RecordBidForm context={context} />
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          </Section>
        </>
      );
    case 'evaluation': {
      const eligible = (bids ?? []).filter((bid) => !bid.excluded && bid.status !== 'rejected').map((bid) => bid.bidId);
      return (
        <Section title="Decide the award">
          <DecideAwardForm key={eligible.join()} context={context} bidIds={eligible} />
        </Section>
      );
    }
    case 'awarded':
      return (
        <Section title="Sign the contract">
          <SignContractForm context={context} />
        </Section>
      );
    case 'in_performance':
      return (
        <Section title="Contract performance">
          <Accordion variant="contained">
            <Accordion.Item value="kpi">
              <Accordion.Control>Record KPI progress</Accordion.Control>
              <Accordion.Panel>
                <KpiProgressForm context={context} />
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="breach">
              <Accordion.Control>Record a breach of a necessary step</Accordion.Control>
              <Accordion.Panel>
                <ClauseBreachForm context={context} />
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="sanction">
              <Accordion.Control>Impose a sanction</Accordion.Control>
              <Accordion.Panel>
                <SanctionForm context={context} />
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="closure">
              <Accordion.Control>Close the contract</Accordion.Control>
              <Accordion.Panel>
                <CloseContractForm context={context} />
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </Section>
      );
    default:
      return null;
  }
}

const money = (amount: number) => amount.toLocaleString();

function BidTable({ bids }: { bids: readonly Bid[] }) {
  if (bids.length === 0) return <Text>No bid yet.</Text>;
  return (
    <Table striped aria-label="Bids">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Bid</Table.Th>
          <Table.Th>Supplier</Table.Th>
          <Table.Th>Price</Table.Th>
          <Table.Th>Supply chain disclosed</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Score (social)</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {bids.map((bid) => (
          <Table.Tr key={bid.bidId}>
            <Table.Td>{bid.bidId}</Table.Td>
            <Table.Td>{bid.supplierId}</Table.Td>
            <Table.Td>{money(bid.price)}</Table.Td>
            <Table.Td>{bid.disclosedSharePercent}%</Table.Td>
            <Table.Td>
              {bid.status}
              {bid.lowPriceReview ? ` · low price ${bid.lowPriceReview.replaceAll('_', ' ')}` : ''}
            </Table.Td>
            <Table.Td>{bid.totalScore == null ? '—' : `${bid.totalScore} (${bid.socialScore ?? '—'})`}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Scoring first (what the award waits for), then the rarer decisions on a bid. */
function BidDecisions({
  context,
  bids,
  criteria,
}: {
  context: CaseContext;
  bids: readonly Bid[];
  criteria: readonly Criterion[];
}) {
  const open = bids.filter((bid) => !bid.excluded && bid.status !== 'rejected');
  return (
    <Stack>
      {open
        .filter((bid) => bid.totalScore == null)
        .map((bid) => (
          <Card key={bid.bidId} withBorder>
            <EvaluateBidForm context={context} bidId={bid.bidId} criteria={criteria} />
          </Card>
        ))}
      <Accordion variant="contained">
        {bids.map((bid) => (
          <Accordion.Item key={bid.bidId} value={bid.bidId}>
            <Accordion.Control>Other decisions on {bid.bidId}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xl">
                <Title order={3} size="h5">
                  Exclusion ground
                </Title>
                <AssessExclusionForm context={context} bidId={bid.bidId} />
                {bid.excluded && bid.selfCleaning === 'submitted' && (
                  <>
                    <Title order={3} size="h5">
                      Self-cleaning
                    </Title>
                    <AssessSelfCleaningForm context={context} bidId={bid.bidId} />
                  </>
                )}
                <Title order={3} size="h5">
                  Subcontractor replacement
                </Title>
                <ReplaceSubcontractorForm context={context} bidId={bid.bidId} />
                <Title order={3} size="h5">
                  Abnormally low price
                </Title>
                {!bid.lowPriceReview && <FlagLowBidForm context={context} bidId={bid.bidId} />}
                {bid.lowPriceReview === 'flagged' && (
                  <RequestLowBidExplanationForm context={context} bidId={bid.bidId} />
                )}
                {bid.lowPriceReview === 'explanation_requested' && (
                  <AssessLowBidExplanationForm context={context} bidId={bid.bidId} />
                )}
                {bid.lowPriceReview === 'explanation_accepted' && <Text size="sm">The explanation was accepted.</Text>}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** Time left until `iso`, as "2 days 03:04:05", or undefined once it is past. */
export function timeLeft(iso: string, now: number): string | undefined {
  const seconds = Math.ceil((Date.parse(iso) - now) / 1000);
  if (seconds <= 0) return undefined;
  const days = Math.floor(seconds / 86_400);
  const clock = `${twoDigits(Math.floor((seconds % 86_400) / 3600))}:${twoDigits(Math.floor((seconds % 3600) / 60))}:${twoDigits(seconds % 60)}`;
  return days > 0 ? `${days} day${days === 1 ? '' : 's'} ${clock}` : clock;
}

function StandstillCard({ award }: { award: Schemas['AwardNotice'] }) {
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), 1000, { autoInvoke: true });
  const left = timeLeft(award.standstillEndsAt, now);
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Stack gap={2}>
        <Text size="sm">Award</Text>
        <Text fw={700}>
          {award.awardId} to {award.supplierId}
        </Text>
        <Text size="sm">notified {new Date(award.notifiedAt).toLocaleString()}</Text>
      </Stack>
      <Stack gap={2}>
        <Text size="sm">Standstill ends</Text>
        <Text fw={700}>{new Date(award.standstillEndsAt).toLocaleString()}</Text>
      </Stack>
      <Stack gap={2}>
        <Text size="sm">Countdown</Text>
        <Text fw={700} aria-label="Standstill countdown" role="timer">
          {award.standstillEnded ? 'Ended' : (left ?? 'Period over; the workflow records its end')}
        </Text>
      </Stack>
    </SimpleGrid>
  );
}

function ComplaintTable({ complaints }: { complaints: readonly Complaint[] }) {
  if (complaints.length === 0) return <Text>No complaint against the award.</Text>;
  return (
    <Table aria-label="Complaints">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Complaint</Table.Th>
          <Table.Th>Complainant</Table.Th>
          <Table.Th>Grounds</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Holds the signature</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {complaints.map((complaint) => (
          <Table.Tr key={complaint.complaintId}>
            <Table.Td>{complaint.complaintId}</Table.Td>
            <Table.Td>{complaint.complainant}</Table.Td>
            <Table.Td>{complaint.grounds}</Table.Td>
            <Table.Td>
              {complaint.status}
              {complaint.decisionReasons ? `: ${complaint.decisionReasons}` : ''}
            </Table.Td>
            <Table.Td>{complaint.holdsSignature ? 'yes' : 'no'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const QUESTIONNAIRE = { issued: 'issued, awaiting answers', answered: 'answered', supplier_silent: 'supplier silent' };

function ContractYear({ caseId, terms }: { caseId: string; terms?: Schemas['ContractTerms'] }) {
  const cycles = useQuery({
    queryKey: ['case', caseId, 'cycles'],
    queryFn: async () => dataOf(await api.GET('/cases/{caseId}/contract/cycles', { params: { path: { caseId } } })),
  });
  if (!cycles.data) return <Loader aria-label="Loading the contract year" />;
  const contract = cycles.data.contract;
  const current = [...cycles.data.items].sort((a, b) => b.contractYear - a.contractYear)[0];
  // Before the year's cycle has it, the contract's terms say what this year's disclosure must reach.
  const required =
    current?.requiredDisclosureSharePercent ??
    (terms && terms.contractYear === current?.contractYear ? terms.requiredDisclosureSharePercent : undefined);
  const plans = (contract?.compliancePlansSubmitted ?? []) as unknown as {
    factoryId: string;
    planRef: string;
    onTime: boolean;
  }[];
  return (
    <Section title="Contract year">
      {contract && (
        <Text>
          Contract {contract.contractId} with {contract.supplierId}, signed{' '}
          {new Date(contract.signedAt).toLocaleDateString()}; year {contract.currentYear}.
        </Text>
      )}
      {current ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap="xs">
            <Title order={3} size="h5">
              Disclosure against the ratchet
            </Title>
            <Text>
              {current.disclosedSharePercent == null
                ? 'Nothing disclosed yet this year'
                : `Disclosed ${current.disclosedSharePercent}% of the supply chain`}
              ; year {current.contractYear} requires {required ?? '—'}%
              {current.nextYearRequiredSharePercent != null && `, next year ${current.nextYearRequiredSharePercent}%`}.
            </Text>
            <Progress
              value={current.disclosedSharePercent ?? 0}
              title={required === undefined ? undefined : `ratchet: ${required}%`}
              color={current.disclosureMeetsRequirement === false ? 'red.9' : 'blue.8'}
              aria-label="Share of the supply chain disclosed"
            />
            <Text size="sm">
              {current.disclosureMeetsRequirement == null
                ? 'This year’s disclosure is not in yet.'
                : current.disclosureMeetsRequirement
                  ? 'Meets the ratchet.'
                  : 'Below the ratchet.'}
            </Text>
          </Stack>
          <Stack gap="xs">
            <Title order={3} size="h5">
              Questionnaire
            </Title>
            <Text>
              {current.questionnaireStatus ? QUESTIONNAIRE[current.questionnaireStatus] : 'not issued yet'}
              {current.questionnaireDeadline &&
                ` · deadline ${new Date(current.questionnaireDeadline).toLocaleDateString()}`}
            </Text>
            <Text size="sm">Stage of the year: {current.stage.replaceAll('_', ' ')}</Text>
          </Stack>
        </SimpleGrid>
      ) : (
        <Text>The first contract year has not begun.</Text>
      )}
      <Title order={3} size="h5">
        Compliance plans
      </Title>
      {contract && contract.compliancePlansRequired.length > 0 ? (
        <Table aria-label="Compliance plans">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Factory</Table.Th>
              <Table.Th>Plan</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contract.compliancePlansRequired.map((factoryId) => {
              const plan = plans.find((p) => p.factoryId === factoryId);
              const overdue = contract.compliancePlansOverdue.includes(factoryId);
              return (
                <Table.Tr key={factoryId}>
                  <Table.Td>{factoryId}</Table.Td>
                  <Table.Td>{plan?.planRef ?? '—'}</Table.Td>
                  <Table.Td>
                    {plan ? (plan.onTime ? 'submitted on time' : 'submitted late') : overdue ? 'overdue' : 'due'}
                    {!plan &&
                      contract.compliancePlansDueBy &&
                      ` by ${new Date(contract.compliancePlansDueBy).toLocaleDateString()}`}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : (
        <Text>No factory needs a compliance plan.</Text>
      )}
    </Section>
  );
}

const inWords = (eventType: string) => {
  const words = eventType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function Timeline({ caseId }: { caseId: string }) {
  const timeline = useInfiniteQuery({
    queryKey: ['case', caseId, 'timeline'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      dataOf(
        await api.GET('/cases/{caseId}/timeline', {
          params: { path: { caseId }, query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.page.nextCursor ?? undefined,
  });
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Section title="Timeline">
      {timeline.isError && <Alert color="red">{timeline.error.message}</Alert>}
      <Table aria-label="Timeline">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const actor = entry.actor as unknown as { id: string; role: string };
            return (
              <Table.Tr key={entry.eventId}>
                <Table.Td>{new Date(entry.recordedAt).toLocaleString()}</Table.Td>
                <Table.Td>{inWords(entry.eventType)}</Table.Td>
                <Table.Td>
                  {actor.id}{' '}
                  <Text span size="sm">
                    ({actor.role.replaceAll('_', ' ')})
                  </Text>
                </Table.Td>
                <Table.Td>{entry.reasons ?? ''}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {timeline.hasNextPage && (
        <Button variant="default" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
          Later events
        </Button>
      )}
    </Section>
  );
}
