import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import Ajv from 'ajv';
import { DEVELOPMENT_JWT_SECRET } from '@pj/config';
import { PgliteDriver, SqlEventStore } from '@pj/event-store';
import { ProjectionRunner, readModelProjections } from '@pj/projections';
import { composeExample, operationsOf } from './api-document';
import { developmentTokens } from './auth/development-tokens';
import { createApi } from './create-api';
import { PROBLEM_DETAILS, PROBLEM_DETAILS_REF, PROBLEM_MEDIA_TYPE } from './errors/problem-details.openapi';

// The contract of the API, for every operation the document lists, endpoints added later included:
// every error answer (4xx, 5xx) is the problem-details schema as application/problem+json, and every
// success answer has an example. The document is the one the running API serves.
let app: INestApplication;
let baseUrl: string;
let document: OpenAPIObject;
let store: SqlEventStore;
let projections: ProjectionRunner;
const tokens = developmentTokens(DEVELOPMENT_JWT_SECRET, 'stockholm-county-council');

beforeAll(async () => {
  const driver = await PgliteDriver.open();
  store = await SqlEventStore.open(driver);
  projections = new ProjectionRunner(store, driver, readModelProjections);
  await projections.start();
  app = await createApi(
    // Development sign-in on, as outside production: its operations are documented like the others.
    { store, readModels: driver, projections, jwtSecret: DEVELOPMENT_JWT_SECRET },
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as OpenAPIObject;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await projections?.stop();
  await store?.close();
});

const responsesOf = (filter: (status: string) => boolean) =>
  operationsOf(document).flatMap(({ name, operation }) =>
    Object.entries(operation.responses)
      .filter(([status]) => filter(status))
      .map(([status, response]) => ({ where: `${name} ${status}`, response: response as ResponseObject })),
  );
const isError = (status: string) => /^[45]\d\d$/.test(status);
const isSuccess = (status: string) => /^2\d\d$/.test(status);
const problemSchema = () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(document.components!.schemas![PROBLEM_DETAILS] as object);
};

describe('the OpenAPI document', () => {
  it('has the problem-details schema in components, with the members the filter always writes', () => {
    expect(document.components?.schemas?.[PROBLEM_DETAILS]).toMatchObject({
      type: 'object',
      required: ['type', 'title', 'status', 'detail'],
      properties: { code: { type: 'string' }, errors: { type: 'array' } },
    });
  });

  it('documents every 4xx and 5xx answer of every operation as problem details', () => {
    const errors = responsesOf(isError);
    expect(errors.length).toBeGreaterThan(0);
    const validate = problemSchema();
    const wrong = errors
      .filter(({ response }) => {
        const content = response.content ?? {};
        const media = content[PROBLEM_MEDIA_TYPE];
        return (
          Object.keys(content).length !== 1 ||
          (media?.schema as { $ref?: string } | undefined)?.$ref !== PROBLEM_DETAILS_REF ||
          !validate(media?.example)
        );
      })
      .map(({ where }) => where);
    expect({
      fix:
        'api-document.ts makes every 4xx/5xx `application/problem+json` with `ProblemDetails` and an example; ' +
        'an error example given in @ApiResponse must itself be problem details',
      wrong,
    }).toEqual(expect.objectContaining({ wrong: [] }));
  });

  it('documents the 401 of every secured operation', () => {
    const without = operationsOf(document)
      .filter(({ operation }) => operation.security?.length && !operation.responses['401'])
      .map(({ name }) => name);
    expect(without).toEqual([]);
  });

  it('has an example for the success answer of every operation', () => {
    const problems = operationsOf(document).flatMap(({ name, operation }) => {
      const successes = Object.entries(operation.responses).filter(([status]) => isSuccess(status));
      if (successes.length === 0) return [`${name}: no 2xx answer is documented`];
      return successes.flatMap(([status, response]) => {
        const content = (response as ResponseObject).content;
        if (status === '204') return [];
        if (!content || Object.keys(content).length === 0)
          return [`${name} ${status}: no body is documented (give @ApiOkResponse/@ApiResponse a type or schema)`];
        return Object.entries(content)
          .filter(([, media]) => media.example === undefined && !media.examples)
          .map(([type, media]) => {
            const missing = media.schema ? composeExample(document, media.schema).missing : ['(no schema)'];
            return `${name} ${status} ${type}: no example; without one: ${missing.join(', ')}`;
          });
      });
    });
    expect({
      fix:
        'give each property named an example (@ApiProperty({ example }) on the view class), ' +
        'or give the response decorator an `example`',
      problems,
    }).toEqual(expect.objectContaining({ problems: [] }));
  });

  it('gives each schema one name: two view classes of one name would share one schema', () => {
    // The finding's remediation verification and the auditor's chain verification were both
    // `VerificationView`; the document kept one of them for both.
    const schemas = document.components!.schemas! as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas.RemediationVerificationView.properties!)).toContain('verifiedBy');
    expect(Object.keys(schemas.VerificationView.properties!)).not.toContain('verifiedBy');
  });

  it('keeps its paths without the /api prefix and declares /api as its server', () => {
    expect(document.servers).toEqual([{ url: '/api' }]);
    expect(Object.keys(document.paths)).toContain('/cases');
    expect(Object.keys(document.paths)).toContain('/health/ready');
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/api'))).toEqual([]);
  });

  it('shows a case in the example of GET /cases/{caseId}', () => {
    const ok = document.paths['/cases/{caseId}']?.get?.responses['200'] as ResponseObject;
    expect(ok.content?.['application/json']?.example).toMatchObject({
      caseId: expect.any(String),
      title: expect.any(String),
      revision: expect.any(Number),
    });
  });
});

describe('the problem-details schema', () => {
  const call = async (method: string, path: string, token?: string, body?: object) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  it('describes what the API really answers: invalid input, no token, a forbidden role, an unknown case', async () => {
    const validate = problemSchema();
    const answers = [
      await call('POST', '/api/cases', tokens.contract_manager, { title: 7 }),
      await call('GET', '/api/cases'),
      await call('POST', '/api/cases', tokens.auditor, {
        title: 'Computers',
        productCategory: 'electronics',
        countriesOfProduction: ['CN'],
      }),
      await call('GET', '/api/cases/3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11', tokens.contract_manager),
    ];
    expect(answers.map(({ status }) => status)).toEqual([400, 401, 403, 404]);
    for (const answer of answers) {
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect({ body: answer.body, valid: validate(answer.body), errors: validate.errors }).toMatchObject({
        valid: true,
      });
    }
    expect(answers[0].body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'title' })]));
    // The API's own refusals are of the one error hierarchy: mapped by kind, with a code.
    expect(answers[2].body).toMatchObject({
      type: 'urn:procurement-journey:forbidden',
      code: 'access.role_not_allowed',
      allowedRoles: ['contract_manager'],
    });
    expect(answers[3].body).toMatchObject({ type: 'urn:procurement-journey:not-found', code: 'case.not_found' });
  });
});
