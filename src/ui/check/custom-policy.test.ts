import { describe, expect, it } from 'vitest';
import { checkCustomPolicy, draftFromPolicy, parseTaxonomy, type CustomPolicyDraft } from './custom-policy';

const good: CustomPolicyDraft = {
  template: '  Judge this.\nUser: {prompt}\nAgent: {response}\nAnswer {{"User Safety": "safe" or "unsafe"}}\nOutput JSON:\n',
  outputField: 'User Safety',
  flaggedValue: 'unsafe',
  taxonomy: 'S1: Violence\n\nS2 - Fraud\n',
};

describe('parseTaxonomy', () => {
  it('reads one category a line and skips blanks', () => {
    expect(parseTaxonomy('S1: Violence\r\nS2 - Fraud\n\n  O3. Other things  ')).toEqual({
      categories: { S1: 'Violence', S2: 'Fraud', O3: 'Other things' },
      errors: [],
    });
  });

  it('names the line of each problem and keeps the good lines', () => {
    expect(parseTaxonomy('S1: Violence\njust words\nS1: Again')).toEqual({
      categories: { S1: 'Violence' },
      errors: [
        { line: 2, message: 'Line 2: write a category as "S1: Violence".' },
        { line: 3, message: 'Line 3: category S1 is listed twice.' },
      ],
    });
  });
});

describe('checkCustomPolicy', () => {
  it('gives a stripped, usable policy for a good draft', () => {
    const check = checkCustomPolicy(good);
    expect(check.templateError).toBeNull();
    expect(check.warnings).toEqual([]);
    expect(check.policy).toEqual({
      template: good.template.trim(),
      outputField: 'User Safety',
      flaggedValue: 'unsafe',
      categories: { S1: 'Violence', S2: 'Fraud' },
    });
  });

  it('reports a template error with its line and column', () => {
    const check = checkCustomPolicy({ ...good, template: 'Line one\nUser: {prompt}\nAnswer {"User Safety": x}' });
    expect(check.policy).toBeNull();
    expect(check.templateError?.line).toBe(3);
    expect(check.templateError?.column).toBeGreaterThan(0);
    expect(check.templateError?.message).toMatch(/line 3/i);
  });

  it('rejects an unknown placeholder', () => {
    const check = checkCustomPolicy({ ...good, template: 'User: {prompt} {question}' });
    expect(check.policy).toBeNull();
    expect(check.templateError?.line).toBe(1);
  });

  it('rejects an empty template, verdict key and flagged value with what to write', () => {
    const check = checkCustomPolicy({ template: '  \n ', outputField: ' ', flaggedValue: 'not safe', taxonomy: '' });
    expect(check.policy).toBeNull();
    expect(check.templateError?.message).toMatch(/empty/);
    expect(check.outputFieldError).toMatch(/JSON key/);
    expect(check.flaggedValueError).toMatch(/one word/);
  });

  it('warns about a template that never shows the prompt or names the key', () => {
    const check = checkCustomPolicy({ ...good, template: 'Answer with {{"Verdict": "x"}} for {response}' });
    expect(check.policy).not.toBeNull();
    expect(check.warnings).toHaveLength(2);
    expect(check.warnings[0]).toMatch(/\{prompt\}/);
    expect(check.warnings[1]).toMatch(/User Safety/);
  });

  it('holds the policy back while a taxonomy line is wrong', () => {
    const check = checkCustomPolicy({ ...good, taxonomy: 'S1 Violence' });
    expect(check.policy).toBeNull();
    expect(check.taxonomyErrors).toHaveLength(1);
  });
});

describe('draftFromPolicy', () => {
  it('writes the categories out one a line', () => {
    const draft = draftFromPolicy({ template: 'T {prompt}', outputField: 'F', flaggedValue: 'bad', categories: { S1: 'A', S2: 'B' } });
    expect(draft).toEqual({ template: 'T {prompt}', outputField: 'F', flaggedValue: 'bad', taxonomy: 'S1: A\nS2: B' });
    expect(parseTaxonomy(draft.taxonomy).categories).toEqual({ S1: 'A', S2: 'B' });
  });
});
