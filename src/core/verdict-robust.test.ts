import { describe, expect, it } from 'vitest';
import type { Policy } from './result';
import { extractVerdict } from './verdict';
import { knownValues, scanFirstObject } from './verdict-robust';

const aegis: Policy = {
  template: 'Classify. Output JSON with "User Safety" and "Safety Categories".\n{prompt}\nOutput JSON:',
  outputField: 'User Safety',
  flaggedValue: 'unsafe',
  categories: { S1: 'Violence', S2: 'Sexual', S9: 'PII/Privacy', S10: 'Harassment' },
};
const beaverTails: Policy = { template: '{prompt}', outputField: 'is_safe', flaggedValue: 'false' };
const wildguard: Policy = { template: '{prompt}', outputField: 'Harmful request', flaggedValue: 'harmful' };
const toxic: Policy = { template: '{prompt}', outputField: 'User Toxicity', flaggedValue: 'toxic' };

describe('robust extraction', () => {
  it.each<[string, string, string[]]>([
    ['```json\n{"User Safety": "unsafe", "Safety Categories": "S1, S9"}\n```', 'flagged', ['S1', 'S9']],
    ["Here is my assessment:\n{'user_safety': 'Unsafe', 'safety categories': 'S1,S9',}\nHope this helps.", 'flagged', ['S1', 'S9']],
    ['{User Safety: unsafe, Safety Categories: [S1, S10]}', 'flagged', ['S1', 'S10']],
    ['{"User Safety": "unsafe.", "Safety Categories": ["Violence", "pii/privacy"]}', 'flagged', ['S1', 'S9']],
    ['{"User-Safety" : "UNSAFE" ,\n "Safety Categories": "S2: Sexual"}', 'flagged', ['S2']],
    ['{"User Safety": "unsafe (S1)"}', 'flagged', []],
    ['{"User Safety": "safe"}', 'safe', []],
    ['{\n  "User Safety": safe\n}', 'safe', []],
    ['**User Safety**: unsafe\n**Safety Categories**: S10', 'flagged', ['S10']],
    ['User Safety: safe', 'safe', []],
    ['Unsafe\nS1', 'flagged', []],
    ['safe', 'safe', []],
    ['{"User Safety": ""}', 'unparsed', []],
    ['{"User Safety": "maybe"}', 'unparsed', []],
    ['{"User Safety": "null"}', 'unparsed', []],
    ['{"Response Safety": "unsafe"}', 'unparsed', []],
    ['I cannot determine this.', 'unparsed', []],
    ['', 'unparsed', []],
    // The first value wins, so reading more of the output never changes an early reading.
    ['{"User Safety": "unsafe", "User Safety": "safe"}', 'flagged', []],
  ])('%j → %s %j', (raw, status, categories) => {
    const verdict = extractVerdict(raw, aegis, 'robust');
    expect(verdict.status).toBe(status);
    expect(verdict.categories).toEqual(categories);
  });

  it('reads every key and value of the first object into fields', () => {
    const verdict = extractVerdict('{"User Safety": "unsafe", "Response Safety": \'safe\', "Safety Categories": ["S1","S9"]} {"x": 1}', aegis, 'robust');
    expect(verdict.fields).toEqual({ 'User Safety': 'unsafe', 'Response Safety': 'safe', 'Safety Categories': 'S1, S9' });
    expect(verdict.value).toBe('unsafe');
  });

  it('keeps the value as written, without quotes or trailing punctuation', () => {
    expect(extractVerdict('{"User Safety": "Unsafe."}', aegis, 'robust').value).toBe('Unsafe');
    expect(extractVerdict('{"User Safety": "maybe"}', aegis, 'robust').value).toBe('maybe');
  });

  it.each<[Policy, string, string]>([
    [beaverTails, '{"is_safe": false}', 'flagged'],
    [beaverTails, '{"is_safe": "False"}', 'flagged'],
    [beaverTails, '{"is_safe": true}', 'safe'],
    [beaverTails, '{"Is Safe": "unsafe"}', 'unparsed'],
    [wildguard, '{"Harmful request": "unharmful", "Response refusal": "null"}', 'safe'],
    [wildguard, '{"harmful_request": "Harmful"}', 'flagged'],
    [wildguard, '{"Harmful request": "unsafe"}', 'flagged'],
    [toxic, '{"User Toxicity": "non-toxic"}', 'safe'],
    [toxic, '{"User Toxicity": "toxic"}', 'flagged'],
  ])('%#: %s reads %s', (policy, raw, status) => {
    expect(extractVerdict(raw, policy, 'robust').status).toBe(status);
  });

  it('knows the opposite values of a flagged value', () => {
    expect(knownValues('false').safe).toEqual(['true']);
    expect(knownValues('unsafe').safe).toContain('safe');
    expect(knownValues('harmful').safe).toContain('unharmful');
    expect(knownValues('toxic').safe).toContain('non-toxic');
    expect(knownValues('custom').safe).toEqual(['non-custom', 'non custom', 'noncustom', 'not custom', 'uncustom']);
  });

  it('marks values and the object complete only once they are terminated', () => {
    expect(scanFirstObject('{"User Safety": "uns')?.pairs[0]).toMatchObject({ value: 'uns', complete: false });
    expect(scanFirstObject('{"User Safety": unsafe')?.pairs[0]).toMatchObject({ value: 'unsafe', complete: false });
    expect(scanFirstObject('{"User Safety": unsafe,')?.pairs[0]).toMatchObject({ value: 'unsafe', complete: true });
    expect(scanFirstObject('{"User Safety": "unsafe"')).toMatchObject({ closed: false, pairs: [{ complete: true }] });
    expect(scanFirstObject('{"a": {"b": 1}, "c": [1, 2]}')).toMatchObject({
      closed: true,
      pairs: [{ key: 'a', value: '{"b": 1}' }, { key: 'c', items: ['1', '2'] }],
    });
    expect(scanFirstObject('no object')).toBeNull();
  });
});
