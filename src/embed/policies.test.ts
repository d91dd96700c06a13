import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../core/config';
import { isGuardError } from '../core/errors';
import { AEGIS_CATEGORIES, MLCOMMONS_CATEGORIES } from '../core/taxonomies';
import { prepareTemplate } from '../core/template';
import { BUILT_IN_POLICIES, resolvePolicy } from './policies';
import type { BuiltInPolicyName } from './types';

const ROOT = resolve(__dirname, '../..');

function failure(run: () => unknown): { code: string; message: string; details?: unknown } {
  try {
    run();
  } catch (error) {
    if (isGuardError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected a GuardError');
}

describe('built-in policies', () => {
  it('are exactly the shipped configs', () => {
    const shipped = readdirSync(resolve(ROOT, 'configs')).map((name) => name.replace(/\.json$/, ''));
    expect([...BUILT_IN_POLICIES].sort()).toEqual(shipped.sort());
  });

  it.each(BUILT_IN_POLICIES.map((name) => [name]))('%s reads as parseConfig reads it, with its template file', (name) => {
    const { config, warnings } = parseConfig(readFileSync(resolve(ROOT, 'configs', `${name}.json`), 'utf8'), `${name}.json`);
    expect(warnings).toEqual([]);
    const resolved = resolvePolicy(name as BuiltInPolicyName, undefined);
    expect(resolved.policy.outputField).toBe(config.llm_output_field);
    expect(resolved.policy.flaggedValue).toBe(config.llm_flagged_value);
    expect(resolved.maxTokens).toBe(config.max_output_tokens);
    expect(resolved.policy.template).toBe(prepareTemplate(readFileSync(resolve(ROOT, config.eval_prompt), 'utf8')));
    const keys = [resolved.promptField, resolved.responseField].filter(Boolean);
    expect(keys).toContain(config.llm_output_field);
    for (const key of keys) expect(resolved.policy.template).toContain(`"${key}"`);
  });

  it('defaults to aegis: prompt and response keys, Aegis categories', () => {
    const resolved = resolvePolicy(undefined, undefined);
    expect(resolved).toMatchObject({ promptField: 'User Safety', responseField: 'Response Safety', maxTokens: 100 });
    expect(resolved.policy.categories).toEqual(AEGIS_CATEGORIES);
  });

  it('knows which shipped formats judge only the prompt or only the response', () => {
    const toxic = resolvePolicy('toxic_chat', undefined);
    expect(toxic.promptField).toBe('User Toxicity');
    expect(toxic.responseField).toBeUndefined();
    const beaver = resolvePolicy('beaverTails', undefined);
    expect(beaver.promptField).toBeUndefined();
    expect(beaver.responseField).toBe('is_safe');
    const wild = resolvePolicy('wildguard_response', undefined);
    expect(wild).toMatchObject({ promptField: 'Harmful request', responseField: 'Harmful response' });
    expect(wild.policy.categories).toEqual(MLCOMMONS_CATEGORIES);
  });

  it('an unknown name is BAD_CONFIG listing the names', () => {
    const error = failure(() => resolvePolicy('aegis3' as BuiltInPolicyName, undefined));
    expect(error.code).toBe('BAD_CONFIG');
    expect(error.message).toContain('Unknown policy "aegis3"');
    expect(error.message).toContain('wildguard_prompt');
  });
});

describe('custom policies', () => {
  const template = 'Judge this.\nUser: {prompt}\nBot: {response}\nAnswer {{"Verdict": "ok" or "bad", "Reply": "ok" or "bad"}}';

  it('take the template, keys, categories and token cap as given', () => {
    const resolved = resolvePolicy({ template, outputField: 'Verdict', flaggedValue: 'bad', responseField: 'Reply', categories: { C1: 'Spam' }, maxTokens: 40 }, undefined);
    expect(resolved).toEqual({
      policy: { template, outputField: 'Verdict', flaggedValue: 'bad', categories: { C1: 'Spam' } },
      maxTokens: 40,
      promptField: 'Verdict',
      responseField: 'Reply',
    });
  });

  it('name the missing or wrong field', () => {
    expect(failure(() => resolvePolicy({ template, outputField: '', flaggedValue: 'bad' }, undefined))).toMatchObject({
      code: 'BAD_CONFIG',
      message: 'config.outputField must be non-empty text.',
    });
    expect(failure(() => resolvePolicy({ template, outputField: 'Verdict', flaggedValue: 'bad', maxTokens: 0 }, undefined)).message).toContain('config.maxTokens');
    expect(failure(() => resolvePolicy({ template, outputField: 'V', flaggedValue: 'b', categories: { S1: 3 } as never }, undefined)).message).toContain('config.categories');
  });

  it('a template that cannot be filled is BAD_TEMPLATE with its line and column', () => {
    const error = failure(() => resolvePolicy({ template: 'Line one\nUser: {user}', outputField: 'V', flaggedValue: 'b' }, undefined));
    expect(error.code).toBe('BAD_TEMPLATE');
    expect(error.details).toMatchObject({ line: 2, column: 7 });
  });

  it('a template alone is read by the verdict format it asks for', () => {
    const wild = resolvePolicy(undefined, 'User: {prompt}\nAI: {response}\nAnswer {{"Harmful request": ..., "Harmful response": ...}}');
    expect(wild).toMatchObject({ promptField: 'Harmful request', responseField: 'Harmful response', policy: { outputField: 'Harmful request', flaggedValue: 'harmful' } });
    const unknown = failure(() => resolvePolicy(undefined, 'Is {prompt} fine? Say yes or no.'));
    expect(unknown.code).toBe('BAD_CONFIG');
    expect(unknown.message).toContain('outputField');
    expect(failure(() => resolvePolicy('aegis', 'x {prompt}')).message).toContain('either config or template');
  });
});
