import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventToAppend } from '@pj/event-store';

/**
 * Realistic events for the bench: the shapes of the procurement case's events (see
 * libs/domain/src/procurement-case/events.ts), with full metadata. Data is ~300–450 bytes of
 * JSON and metadata ~330 bytes, which is what a procurement case writes.
 */

const CATEGORIES = ['workwear', 'natural stone', 'IT hardware', 'coffee', 'sports balls', 'textiles'];
const COUNTRIES = ['IN', 'BD', 'VN', 'CN', 'PK', 'TR', 'BR', 'ET'];
const CRITERIA = ['price', 'quality', 'social-fair-wages', 'social-supply-chain-transparency'];

type DataFactory = (caseId: string, at: string, n: number) => { type: string; data: Record<string, unknown> };

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length];

const FACTORIES: readonly DataFactory[] = [
  (caseId, at, n) => ({
    type: 'CaseOpened',
    data: {
      caseId,
      buyerOrganisationId: `org-city-of-${pick(['bremen', 'munich', 'cologne', 'dortmund'], n)}`,
      title: `Framework agreement for ${pick(CATEGORIES, n)} with social criteria, lot ${(n % 9) + 1}`,
      productCategory: pick(CATEGORIES, n),
      countriesOfProduction: [pick(COUNTRIES, n), pick(COUNTRIES, n + 3)],
      openedBy: `user-${(n % 40) + 1}`,
      openedAt: at,
    },
  }),
  (caseId, at, n) => ({
    type: 'BidSubmitted',
    data: {
      caseId,
      bidId: randomUUID(),
      supplierId: `supplier-${(n % 500) + 1}`,
      price: 125_000 + (n % 997) * 13.5,
      disclosedSharePercent: 60 + (n % 41),
      factories: [
        {
          factoryId: `factory-${n % 300}`,
          country: pick(COUNTRIES, n),
          workers: 120 + (n % 800),
        },
      ],
      selfDeclarations: {
        noChildLabour: true,
        noForcedLabour: true,
        freedomOfAssociation: n % 7 !== 0,
      },
      subcontractorIds: [`sub-${n % 50}`],
      submittedAt: at,
    },
  }),
  (caseId, at, n) => ({
    type: 'BidEvaluated',
    data: {
      caseId,
      bidId: randomUUID(),
      scores: CRITERIA.map((criterionId, i) => ({
        criterionId,
        score: ((n + i * 17) % 100) + 0.5,
      })),
      totalScore: 40 + (n % 60),
      socialScore: 5 + (n % 25),
      evaluatedAt: at,
    },
  }),
  (caseId, at, n) => ({
    type: 'BidderExcluded',
    data: {
      caseId,
      bidId: randomUUID(),
      ground: pick(['child_labour', 'forced_labour', 'tax_evasion'], n),
      reasons:
        'Audit report of the production site shows a breach of ILO core labour standards; no self-cleaning evidence submitted in time.',
      excludedUntil: '2029-06-30T00:00:00.000Z',
      decidedBy: `user-${(n % 40) + 1}`,
      decidedAt: at,
    },
  }),
];

export interface EventFactory {
  /** A batch of `size` events for one procurement case. */
  batch(caseId: string, size: number): EventToAppend[];
}

export function procurementEventFactory(): EventFactory {
  let n = 0;
  return {
    batch(caseId, size) {
      const commandId = randomUUID();
      const correlationId = randomUUID();
      const recordedAt = new Date().toISOString();
      const events: EventToAppend[] = [];
      for (let i = 0; i < size; i++) {
        const { type, data } = FACTORIES[n % FACTORIES.length](caseId, recordedAt, n);
        n++;
        const metadata: EventMetadata = {
          eventId: randomUUID(),
          commandId,
          correlationId,
          causationId: commandId,
          actor: { id: `user-${n % 40}`, role: 'procurement-officer' },
          organisationId: 'org-city-of-bremen',
          recordedAt,
          schemaVersion: 1,
        };
        events.push({ type, data, metadata });
      }
      return events;
    },
  };
}

/** Mean JSON sizes of data and metadata over a sample, for the report. */
export function payloadSizes(): {
  data: number;
  metadata: number;
  min: number;
  max: number;
} {
  const sample = procurementEventFactory().batch(randomUUID(), 400);
  const dataSizes = sample.map((event) => Buffer.byteLength(JSON.stringify(event.data)));
  const metaSizes = sample.map((event) => Buffer.byteLength(JSON.stringify(event.metadata)));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    data: mean(dataSizes),
    metadata: mean(metaSizes),
    min: Math.min(...dataSizes),
    max: Math.max(...dataSizes),
  };
}
