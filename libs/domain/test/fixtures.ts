import { addCalendarDays, addYears } from '../src/calendar';
import type { Command, CommandMetadata } from '../src/decider';
import type {
  FactoryCommand,
  FindingCommand,
  GrievanceCommand,
  ProcurementCaseCommand,
  ProcurementCaseEvent,
  PurchasingPracticeReviewCommand,
  RiskListCommand,
  SupplyStandstillCommand,
} from '../src';
import { procurementCase } from '../src';
import type { Role } from '../src/roles';
import type { BuyerCalendar } from '../src/periods';
import { history } from './decider-specification';

/** The buyer organisation every fixture command acts for. */
export const buyer = 'buyer-1';
/** Its jurisdiction: Stockholm, counting the days Swedish law treats as holidays (lag 1930:173). */
export const buyerCalendar: BuyerCalendar = {
  timeZone: 'Europe/Stockholm',
  holidays: { country: 'SE', types: ['public', 'bank'] },
};
export const T0 = '2026-01-05T09:00:00.000Z';
export const day = (days: number) => addCalendarDays(T0, days);
export { addCalendarDays, addYears };

let sequence = 0;
export function metadata(now: string = T0, role: Role = 'contract_manager', actorId = `${role}-1`): CommandMetadata {
  sequence += 1;
  return {
    commandId: `command-${sequence}`,
    now,
    actor: { id: actorId, role },
    organisationId: buyer,
    calendar: buyerCalendar,
  };
}

export interface As {
  now?: string;
  role?: Role;
  actorId?: string;
}

function commandFactory<C extends Command>() {
  return <T extends C['type']>(type: T, data: Extract<C, { type: T }>['data'], as: As = {}) =>
    ({ type, data, metadata: metadata(as.now, as.role, as.actorId) }) as unknown as Extract<C, { type: T }>;
}

export const caseCommand = commandFactory<ProcurementCaseCommand>();
export const factoryCommand = commandFactory<FactoryCommand>();
export const findingCommand = commandFactory<FindingCommand>();
export const grievanceCommand = commandFactory<GrievanceCommand>();
export const standstillCommand = commandFactory<SupplyStandstillCommand>();
export const reviewCommand = commandFactory<PurchasingPracticeReviewCommand>();
export const riskListCommand = commandFactory<RiskListCommand>();

// --- a procurement case, Madison-like, up to any phase ---------------------------------------

export const caseId = 'case-1';
export const bidDeadline = day(30);

export const open = () =>
  caseCommand('OpenCase', {
    caseId,
    title: 'Uniforms for fire, police and metro transit',
    productCategory: 'garments',
    countriesOfProduction: ['BD', 'HN'],
  });

export const screen = () =>
  caseCommand('RecordRiskScreening', { caseId, riskLevel: 'high', reasons: ['US DOL list: garments from BD'] });

export const adoptPolicy = () =>
  caseCommand('AdoptPolicy', {
    caseId,
    policyRef: 'sweatfree-ordinance-2005',
    codeOfConductStandards: ['ILO core labour standards', 'living wage'],
    includesLawOfCountryOfProduction: true,
  });

export type TenderData = Extract<ProcurementCaseCommand, { type: 'PublishTenderRequirements' }>['data'];

export const tenderData = (overrides: Partial<TenderData> = {}): TenderData => ({
  caseId,
  tenderRef: 'RFP-8510-0-2014',
  currency: 'USD',
  bidDeadline,
  disclosure: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
  compliancePlans: { annualPurchaseThreshold: 25_000, dueByEndOfContractYear: 1 },
  performanceClauses: [
    { clauseId: 'factory-disclosure', kind: 'necessary_step', description: 'disclose factory names and addresses' },
    { clauseId: 'living-wage', kind: 'kpi', description: 'share of workers paid a living wage' },
  ],
  awardCriteria: [
    { criterionId: 'price', kind: 'price', description: 'price', weight: 50 },
    { criterionId: 'quality', kind: 'quality', description: 'fit and durability', weight: 30 },
    { criterionId: 'social', kind: 'social', description: 'compliance plan quality', weight: 20 },
  ],
  legalStandstill: { electronicNoticeDays: 10, otherNoticeDays: 15 },
  dueDiligence: {
    questionnaireResponseDays: 30,
    questionnaireReminderDays: [14, 25],
    independentAuditMethod: 'worker_driven',
  },
  ...overrides,
});

export const publish = (overrides: Partial<TenderData> = {}) =>
  caseCommand('PublishTenderRequirements', tenderData(overrides), { now: day(1) });

export type BidData = Extract<ProcurementCaseCommand, { type: 'SubmitBid' }>['data'];

export const bid = (bidId: string, overrides: Partial<BidData> = {}) =>
  caseCommand(
    'SubmitBid',
    {
      caseId,
      bidId,
      supplierId: `supplier-${bidId}`,
      price: 250_000,
      supplyChainDisclosure: {
        disclosedSharePercent: 60,
        factories: [
          { factoryId: 'factory-big', annualPurchases: 40_000 },
          { factoryId: 'factory-at-threshold', annualPurchases: 25_000 },
          { factoryId: 'factory-small', annualPurchases: 10_000 },
        ],
      },
      selfDeclarations: {
        noConvictionForChildLabourOrTrafficking: true,
        noGraveProfessionalMisconduct: true,
        compliesWithLabourLaw: true,
        noEarlierContractTerminatedEarly: true,
        acceptsCodeOfConduct: true,
      },
      subcontractorIds: ['sub-1'],
      ...overrides,
    },
    { now: day(10), role: 'supplier' },
  );

export const closeBidding = () => caseCommand('CloseBidding', { caseId }, { now: day(31) });

export const evaluate = (bidId: string, price: number, quality = 70, social = 70, now = day(32)) =>
  caseCommand(
    'EvaluateBid',
    {
      caseId,
      bidId,
      scores: [
        { criterionId: 'price', score: price },
        { criterionId: 'quality', score: quality },
        { criterionId: 'social', score: social },
      ],
    },
    { now },
  );

export const awardTo = (bidId: string, now = day(40), noticeMeans: 'electronic' | 'other' = 'electronic') =>
  caseCommand('DecideAward', { caseId, bidId, noticeMeans, reasons: 'most economically advantageous tender' }, { now });

export const signContract = (now = day(51)) =>
  caseCommand('SignContract', { caseId, contractId: 'contract-1' }, { now });

export const tendering = () => history(procurementCase, [open(), screen(), adoptPolicy(), publish()]);
/** Two bids received and bidding closed: bid-a and bid-b. */
export const inEvaluation = (): ProcurementCaseEvent[] =>
  runOn(tendering(), [bid('bid-a'), bid('bid-b', { price: 240_000 }), closeBidding()]);
/** Both bids evaluated; bid-a scores highest. */
export const evaluated = () => runOn(inEvaluation(), [evaluate('bid-a', 80), evaluate('bid-b', 60)]);
/** bid-a awarded on day 40 by electronic notice: standstill ends day 50. */
export const awarded = () => runOn(evaluated(), [awardTo('bid-a')]);
/** Contract signed on day 51; contract year 1 began then. */
export const signed = () => runOn(awarded(), [signContract()]);
export const signedAt = day(51);

/** The events `commands` add on top of `given`. */
export function runOn(
  given: readonly ProcurementCaseEvent[],
  commands: readonly ProcurementCaseCommand[],
): ProcurementCaseEvent[] {
  const before = given.reduce(procurementCase.evolve, procurementCase.initialState());
  const added = history({ ...procurementCase, initialState: () => before }, commands);
  return [...given, ...added];
}
