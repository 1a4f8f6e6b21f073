import type { ProcurementCaseRuleCode } from '../../libs/domain/src/procurement-case/rule-codes';
import { RULE_CODES, ruleInWords } from '../../apps/web/src/cases/rule-codes';

// The case page explains rule codes in words; the type check below fails to compile when the
// domain gains a code without a sentence (or the page keeps one the domain dropped).
const everyCode: Record<ProcurementCaseRuleCode, string> = RULE_CODES;
const onlyDomainCodes: Record<keyof typeof RULE_CODES, string> = everyCode;

it('explains every procurement-case rule code in a sentence', () => {
  for (const [code, sentence] of Object.entries(onlyDomainCodes)) {
    expect(sentence).toMatch(/^[A-Z].*\.$/);
    expect(ruleInWords(code)).toBe(sentence);
  }
  expect(ruleInWords('standstill.not_ended')).toMatch(/standstill has not ended/);
  expect(ruleInWords('no.such_code')).toBeUndefined();
});
