import { handledTypes, handleEvent } from '@pj/application';
import type { RecordedEvent } from '@pj/event-store';
import { notificationRules } from './rules';
import { signWebhook, verifyWebhook } from './signature';
import { LOCALES, localeOf, render, templates } from './templates';

const recorded = (type: string, data: object): RecordedEvent => ({
  streamId: 'x',
  revision: 0,
  position: { commit: 1n, prepare: 1n },
  type,
  data,
  metadata: {
    eventId: 'e-1',
    commandId: 'c-1',
    correlationId: 'c-1',
    causationId: 'c-1',
    actor: { id: 'someone', role: 'compliance_officer' },
    organisationId: 'scc',
    recordedAt: '2026-06-13T09:00:00.000Z',
    schemaVersion: 1,
  },
});

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('notification templates', () => {
  const keys = Object.keys(templates);

  it('has every language for every key, each filling the same values as the English', () => {
    for (const key of keys)
      for (const locale of LOCALES) {
        const words = templates[key][locale];
        expect(words).toBeDefined();
        expect([placeholders(words.subject), placeholders(words.body)]).toEqual([
          placeholders(templates[key].en.subject),
          placeholders(templates[key].en.body),
        ]);
      }
  });

  it('has a template for every key a rule or a ladder step can name', () => {
    const named = handledTypes(notificationRules).flatMap((type) => {
      if (type === 'BreachEscalated')
        return ['reminder', 'escalated_to_compliance_officer', 'supply_standstill', 'termination_proposed'].map(
          (step) =>
            handleEvent(notificationRules, recorded(type, { caseId: 'c', findingId: 'f', step, note: 'n' }))!.template,
        );
      return [handleEvent(notificationRules, recorded(type, {}))!.template];
    });
    expect(named.filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('picks the person’s language, or English', () => {
    expect(localeOf('es-ES')).toBe('es');
    expect(localeOf('zh-hans')).toBe('zh-Hans');
    expect(localeOf('sv')).toBe('en');
    expect(localeOf(undefined)).toBe('en');
    expect(render('plan.requested', 'es', { findingId: 'f-1', dueBy: '2026-07-01' }).subject).toBe(
      'Se requiere un plan de acción correctiva para el incumplimiento f-1 antes del 2026-07-01',
    );
  });
});

describe('notification rules', () => {
  it('never passes a grievance complainant or who took it in to a template', () => {
    const rule = handleEvent(
      notificationRules,
      recorded('GrievanceSubmitted', {
        grievanceId: 'g-1',
        factoryId: 'f-1',
        anonymous: false,
        complainant: { name: 'Li Wei', contact: 'via the union' },
        receivedBy: 'monitor-7',
        allegation: 'overtime',
        severity: 'high',
        acknowledgeBy: '2026-06-20T00:00:00.000Z',
      }),
    )!;
    expect(rule.to).toEqual(['compliance_officer']);
    expect(JSON.stringify(rule)).not.toMatch(/Li Wei|monitor-7|overtime/);
  });

  it('sends each ladder step to its people and tells nobody of an event without a rule', () => {
    const step = (name: string) =>
      handleEvent(
        notificationRules,
        recorded('BreachEscalated', { caseId: 'c', findingId: 'f', step: name, note: '' }),
      )!;
    expect(step('reminder').to).toEqual(['supplier']);
    expect(step('escalated_to_compliance_officer')).toMatchObject({ kind: 'escalation', to: ['compliance_officer'] });
    expect(step('termination_proposed').kind).toBe('decision');
    expect(handleEvent(notificationRules, recorded('BidSubmitted', {}))).toBeUndefined();
  });
});

describe('webhook signatures', () => {
  const secret = 'a-secret';
  const body = '{"id":"d-1"}';

  it('signs the timestamp and the body, as Stripe’s header does', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, body, header, 1_700_000_010)).toBe(true);
  });

  it('refuses another body, another secret, an old timestamp and a missing header', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    expect(verifyWebhook(secret, '{"id":"d-2"}', header, 1_700_000_000)).toBe(false);
    expect(verifyWebhook('other', body, header, 1_700_000_000)).toBe(false);
    expect(verifyWebhook(secret, body, header, 1_700_001_000)).toBe(false);
    expect(verifyWebhook(secret, body, undefined, 1_700_000_000)).toBe(false);
    expect(verifyWebhook(secret, body, header.replace('t=1700000000', 't=1700000001'), 1_700_000_000)).toBe(false);
  });
});
