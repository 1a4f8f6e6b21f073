import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../apps/api/src/auth/roles';
import { startTestEngine, type TestEngine } from './support/engine';

// Every role against every endpoint of the OpenAPI document. The list comes from the document, so
// an endpoint added without an entry here fails the test. A role not allowed answers 403 before
// anything else; an allowed one gets past the guard (here: 400 for an empty body, 404 for an
// unknown id, 200 for a list) and never a 5xx.
const CM: Role = 'contract_manager';
const CO: Role = 'compliance_officer';
const AU: Role = 'auditor';
const SU: Role = 'supplier';
const MO: Role = 'monitor';
const READERS = [CM, CO, AU];

const matrix: Record<string, readonly Role[]> = {
  'POST /cases': [CM],
  'GET /cases': [...READERS, SU],
  'GET /cases/{caseId}': READERS,
  'GET /cases/{caseId}/timeline': READERS,
  'GET /cases/{caseId}/events': READERS,
  'POST /cases/{caseId}/policy': [CM],
  'POST /cases/{caseId}/tender': [CM],
  'POST /cases/{caseId}/bids': [SU, CM],
  'POST /cases/{caseId}/bidding-closure': [CM],
  'POST /cases/{caseId}/bids/{bidId}/exclusion-assessments': [CM, CO],
  'POST /cases/{caseId}/bids/{bidId}/subcontractor-replacements': [SU, CM],
  'POST /cases/{caseId}/bids/{bidId}/self-cleaning-evidence': [SU],
  'POST /cases/{caseId}/bids/{bidId}/self-cleaning-assessment': [CM, CO],
  'POST /cases/{caseId}/bids/{bidId}/abnormally-low-flag': [CM],
  'POST /cases/{caseId}/bids/{bidId}/low-bid-explanation-request': [CM],
  'POST /cases/{caseId}/bids/{bidId}/low-bid-explanation-assessment': [CM],
  'POST /cases/{caseId}/bids/{bidId}/evaluation': [CM],
  'POST /cases/{caseId}/award': [CM],
  'POST /cases/{caseId}/complaints': [CM],
  'POST /cases/{caseId}/complaints/{complaintId}/acceptance': [CM],
  'POST /cases/{caseId}/complaints/{complaintId}/upholding': [CM],
  'POST /cases/{caseId}/complaints/{complaintId}/dismissal': [CM],
  'POST /cases/{caseId}/complaints/{complaintId}/withdrawal': [CM],
  'POST /cases/{caseId}/contract': [CM],
  'GET /cases/{caseId}/awards/{awardId}/standstill': READERS,
  'POST /cases/{caseId}/contract/supply-chain-disclosures': [SU],
  'POST /cases/{caseId}/contract/compliance-plans': [SU],
  'POST /cases/{caseId}/contract/kpi-progress': [CM],
  'POST /cases/{caseId}/contract/clause-breaches': [CM, CO],
  'POST /cases/{caseId}/contract/sanctions': [CM, CO],
  'POST /cases/{caseId}/contract/questionnaires/{questionnaireId}/answers': [SU],
  'POST /cases/{caseId}/contract/termination': [CO],
  'POST /cases/{caseId}/contract/closure': [CM],
  'GET /cases/{caseId}/contract/due-diligence': READERS,
  'POST /cases/{caseId}/contract/document-requests': [CM, CO],
  'POST /cases/{caseId}/contract/document-requests/{requestId}/disclosure': [SU],
  'GET /cases/{caseId}/contract/document-requests': [...READERS, SU],
  'GET /cases/{caseId}/contract/document-requests/{requestId}': [...READERS, SU],
  'GET /cases/{caseId}/contract/document-requests/{requestId}/confidential-documents': [CO, AU],
  // Documents as evidence: the content's confidentiality is checked per document (test/documents.e2e.spec.ts).
  'POST /cases/{caseId}/documents': [CM, CO],
  'POST /cases/{caseId}/contract/document-requests/{requestId}/documents': [SU],
  'GET /cases/{caseId}/documents': [...READERS, SU],
  'GET /cases/{caseId}/documents/{documentId}/content': [...READERS, SU],
  'POST /cases/{caseId}/documents/{documentId}/redaction': [CM, CO],
  'POST /findings': [CM, CO, MO],
  'POST /findings/{findingId}/evidence': [CM, CO, MO],
  'POST /findings/{findingId}/breach-confirmation': [CO],
  'POST /findings/{findingId}/dismissal': [CO],
  'POST /findings/{findingId}/corrective-action-plan': [SU, CM],
  'POST /findings/{findingId}/corrective-action-plan/approval': [CO],
  'POST /findings/{findingId}/remedies': [CO, CM, SU, MO],
  'POST /findings/{findingId}/remediation-result': [CO, MO],
  'POST /findings/{findingId}/remediation-verification': [CO, MO],
  'POST /findings/{findingId}/termination-decision': [CO],
  'POST /findings/{findingId}/standstill-decision': [CO],
  'POST /findings/{findingId}/standstill-lifting-confirmation': [CO],
  'GET /findings/{findingId}/escalation': READERS,
  'POST /grievances': [MO, CM, CO],
  'GET /grievances': READERS,
  'POST /grievances/{grievanceId}/acknowledgement': [CO, CM, MO],
  'POST /grievances/{grievanceId}/triage': [CO, CM],
  'POST /grievances/{grievanceId}/retaliation-reports': [MO, CM, CO],
  'POST /grievances/{grievanceId}/closure': [CO],
  'GET /grievances/{grievanceId}/intake': READERS,
  'POST /supply-standstills': [CO],
  'POST /supply-standstills/{standstillId}/lifting': [CO],
  'POST /risk-lists/{listId}/imports': [CM, CO],
  // Cooperative contracts: the lead opens, decides and pays from the fund; agencies (other organisations) ask and order.
  'POST /cases/{caseId}/cooperative-contract': [CM],
  'POST /cases/{caseId}/amendments': [CM],
  'POST /cooperative-contracts/{leadOrganisationId}/{caseId}/join-requests': [CM],
  'POST /cooperative-contracts/{leadOrganisationId}/{caseId}/join-requests/{agencyOrganisationId}/decision': [CM],
  'POST /cooperative-contracts/{leadOrganisationId}/{caseId}/orders': [CM],
  'POST /cooperative-contracts/{leadOrganisationId}/{caseId}/monitoring-payments': [CO],
  'GET /cooperative-contracts/{leadOrganisationId}/{caseId}': READERS,
  'POST /factories': [CM, CO, MO],
  'GET /factories': [...READERS, MO],
  'GET /factories/{factoryId}': [...READERS, MO],
  'POST /factories/{factoryId}/profile-updates': [CM, CO, MO],
  'POST /purchasing-practice-reviews': [CM, CO],
  'POST /purchasing-practice-reviews/{reviewId}/findings': [CM, CO],
  'POST /purchasing-practice-reviews/{reviewId}/adjustments': [CM, CO],
  'POST /purchasing-practice-reviews/{reviewId}/conclusion': [CM, CO],
  'GET /escalations': READERS,
  'GET /inbox': [CO, AU],
  'GET /audit/cases/{caseId}/state': [AU],
  'GET /audit/cases/{caseId}/diff': [AU],
  'GET /audit/cases/{caseId}/verification': [AU],
  'GET /audit/cases/{caseId}/export': [AU],
  'GET /audit/events/{eventId}/causation': [AU],
  'POST /audit/verifications': [AU],
  'POST /audit/exports': [AU],
  'GET /audit/jobs/{jobId}': [AU],
  'GET /audit/jobs/{jobId}/events': [AU],
  'GET /audit/jobs/{jobId}/result': [AU],
  'GET /audit/confidential-reads': [AU],
  // Reads of remedy: suppliers and monitors see their own part (the lists' parties).
  'GET /findings': [...READERS, SU, MO],
  'GET /findings/{findingId}': [...READERS, SU, MO],
  'GET /remedies': [...READERS, SU, MO],
  'GET /supply-standstills': [...READERS, SU, MO],
  'GET /supply-standstills/{standstillId}': [...READERS, SU, MO],
  'GET /purchasing-practice-reviews': READERS,
  'GET /purchasing-practice-reviews/{reviewId}': READERS,
  // The tender's and the contract's read models; a supplier sees its own bids and contracts only.
  'GET /cases/{caseId}/requirements': [...READERS, SU],
  'GET /cases/{caseId}/bids': [...READERS, SU],
  'GET /cases/{caseId}/contract/cycles': [...READERS, SU],
  'GET /complaints': READERS,
  'GET /questionnaires': [...READERS, SU],
  'GET /obligations': [...READERS, SU],
  // One item of a list, in the same sight as the list.
  'GET /grievances/{grievanceId}': READERS,
  'GET /cases/{caseId}/bids/{bidId}': [...READERS, SU],
  'GET /cases/{caseId}/complaints/{complaintId}': READERS,
  'GET /questionnaires/{questionnaireId}': [...READERS, SU],
  // People are told: each person's own inbox and preferences; the outbox and supplier contacts are the buyer's.
  'GET /notifications': [...READERS, SU, MO],
  'GET /auth/caller': [...READERS, SU, MO],
  'POST /notifications/{notificationId}/read': [CM, CO, SU, MO],
  'GET /notification-preferences': [...READERS, SU, MO],
  'PUT /notification-preferences/{kind}': [CM, CO, SU, MO],
  'GET /notification-deliveries': READERS,
  'POST /supplier-contacts': [CM],
  'GET /supplier-contacts': READERS,
};
/** POSTs that start an auditor's job: they read the store and record nothing in it. */
const auditJobs = new Set(['POST /audit/verifications', 'POST /audit/exports']);
/**
 * Open to everyone, no token needed: health, the sign-in settings (needed before there is a
 * token) and the workers' grievance page (filing, and the status by receipt code:
 * test/workers.e2e.spec.ts).
 */
const publicEndpoints = new Set([
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  'GET /auth/config',
  'POST /public/grievances',
  'GET /public/grievances/status',
]);

/**
 * The same matrix with each way a caller gets a token: development tokens (HS256, outside
 * production) and access tokens from the OpenID provider (here the engine's development provider,
 * signed in through the authorization code flow), whose claims go through the claim mapping.
 */
const tokenSources: [string, (engine: TestEngine) => Promise<Record<Role, string>>][] = [
  [
    'development tokens',
    async (engine) => engine.tokens('stockholm-county-council', { supplierId: 'dell', factories: ['f-1'] }),
  ],
  ['access tokens from the OpenID provider', (engine) => engine.providerTokens('stockholm-county-council')],
];

describe('authorization matrix: every role against every endpoint', () => {
  let engine: TestEngine;
  let endpoints: { key: string; method: string; path: string }[];
  /** The document's server (`/api`): its paths are relative to it, as a generated client joins them. */
  let server: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    const document = (await (await fetch(`${engine.baseUrl}/api/docs-json`)).json()) as {
      paths: object;
      servers: { url: string }[];
    };
    server = document.servers[0]!.url;
    endpoints = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) =>
        Object.keys(operations).map((method) => ({
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
        })),
    );
  }, 120_000);
  afterAll(async () => engine?.stop(), 60_000);

  it('has an entry for every endpoint of the OpenAPI document, and none for an endpoint that is gone', () => {
    const documented = endpoints.map((e) => e.key).filter((key) => !publicEndpoints.has(key));
    expect(documented.filter((key) => !(key in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('lets auditors change nothing: no write allows them', () => {
    expect(
      Object.entries(matrix).filter(
        ([key, roles]) => key.startsWith('POST') && !auditJobs.has(key) && roles.includes(AU),
      ),
    ).toEqual([]);
  });

  it.each(tokenSources)(
    'answers each role as the matrix says, with %s',
    async (_, tokensFrom) => {
      const tokens = await tokensFrom(engine);
      const unknownId = randomUUID();
      const failures: string[] = [];
      for (const { key, method, path } of endpoints) {
        if (publicEndpoints.has(key)) continue;
        const url = `${engine.baseUrl}${server}${path.replace(/\{[^}]+\}/g, unknownId)}`;
        const noToken = await fetch(url, {
          method,
          ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
        });
        if (noToken.status !== 401) failures.push(`${key} without a token: ${noToken.status}`);
        for (const role of ROLES) {
          const abort = new AbortController();
          const response = await fetch(url, {
            method,
            signal: abort.signal,
            headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
            ...(method === 'POST' ? { body: '{}' } : {}),
          });
          const allowed = matrix[key]?.includes(role) ?? false;
          // A refused role is told which roles may (the web app says whom to ask).
          const allowedRoles = response.status === 403 ? ((await response.json()) as any).allowedRoles : undefined;
          abort.abort(); // server-sent events stay open: the status is all this test needs
          const ok = allowed
            ? ![401, 403].includes(response.status) && response.status < 500
            : response.status === 403 &&
              [...(allowedRoles ?? [])].sort().join() === [...(matrix[key] ?? [])].sort().join();
          if (!ok)
            failures.push(
              `${key} as ${role}: ${response.status} (${allowed ? 'allowed' : 'forbidden'}) allowedRoles ${allowedRoles}`,
            );
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
