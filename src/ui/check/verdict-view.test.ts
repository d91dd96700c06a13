import { describe, expect, it } from 'vitest';
import type { Policy, Verdict } from '../../core/result';
import { categoryViews, verdictBadges } from './verdict-view';

const aegis: Policy = {
  template: '{prompt} {response}',
  outputField: 'User Safety',
  flaggedValue: 'unsafe',
  categories: { S1: 'Violence', S9: 'PII/Privacy' },
};

function verdict(fields: Record<string, string>, status: Verdict['status'], value = fields['User Safety'] ?? ''): Verdict {
  return { value, status, categories: [], fields };
}

describe('verdictBadges', () => {
  it('shows prompt and response sides of an aegis-style answer', () => {
    const badges = verdictBadges(
      verdict({ 'Response Safety': 'safe', 'User Safety': 'unsafe', 'Safety Categories': 'S1' }, 'flagged'),
      aegis,
    );
    expect(badges).toEqual([
      { subject: 'Prompt', field: 'User Safety', value: 'unsafe', status: 'flagged' },
      { subject: 'Response', field: 'Response Safety', value: 'safe', status: 'safe' },
    ]);
  });

  it('keeps unparsed from the parser instead of reading it as safe', () => {
    expect(verdictBadges(verdict({}, 'unparsed', ''), aegis)).toEqual([
      { subject: 'Prompt', field: 'User Safety', value: '', status: 'unparsed' },
    ]);
    const garbled = verdictBadges(verdict({ 'User Safety': 'maybe', 'Response Safety': 'dunno' }, 'unparsed'), aegis);
    expect(garbled.map((b) => b.status)).toEqual(['unparsed', 'unparsed']);
  });

  it('finds the verdict field with other case and spacing', () => {
    const [badge] = verdictBadges(verdict({ user_safety: 'Unsafe' }, 'flagged', 'Unsafe'), aegis);
    expect(badge).toEqual({ subject: 'Prompt', field: 'User Safety', value: 'Unsafe', status: 'flagged' });
  });

  it('reads wildguard-style fields, skipping refusal and null sides', () => {
    const policy: Policy = { template: '', outputField: 'Harmful response', flaggedValue: 'harmful' };
    const badges = verdictBadges(
      verdict({ 'Harmful request': 'unharmful', 'Response refusal': 'compliance', 'Harmful response': 'harmful' }, 'flagged', 'harmful'),
      policy,
    );
    expect(badges).toEqual([
      { subject: 'Prompt', field: 'Harmful request', value: 'unharmful', status: 'safe' },
      { subject: 'Response', field: 'Harmful response', value: 'harmful', status: 'flagged' },
    ]);
    const noResponse = verdictBadges(verdict({ 'Harmful request': 'harmful', 'Harmful response': 'null' }, 'flagged', 'harmful'), {
      ...policy,
      outputField: 'Harmful request',
    });
    expect(noResponse.map((b) => b.subject)).toEqual(['Prompt']);
  });

  it('labels a field of neither side as the verdict (beaverTails is_safe)', () => {
    const policy: Policy = { template: '', outputField: 'is_safe', flaggedValue: 'false' };
    expect(verdictBadges(verdict({ is_safe: 'false' }, 'flagged', 'false'), policy)).toEqual([
      { subject: 'Verdict', field: 'is_safe', value: 'false', status: 'flagged' },
    ]);
  });

  it('shows toxic_chat as the prompt side', () => {
    const policy: Policy = { template: '', outputField: 'User Toxicity', flaggedValue: 'toxic' };
    expect(verdictBadges(verdict({ 'User Toxicity': 'non-toxic' }, 'safe', 'non-toxic'), policy)[0]).toMatchObject({
      subject: 'Prompt',
      status: 'safe',
    });
  });
});

describe('categoryViews', () => {
  it('names categories from the policy and keeps unknown ids', () => {
    expect(categoryViews(['S1', 's9', 'S99', 'S1'], aegis.categories)).toEqual([
      { id: 'S1', name: 'Violence' },
      { id: 's9', name: 'PII/Privacy' },
      { id: 'S99', name: 'S99' },
    ]);
    expect(categoryViews(['S2'], undefined)).toEqual([{ id: 'S2', name: 'S2' }]);
  });
});
