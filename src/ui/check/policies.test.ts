import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPolicyList, DEFAULT_POLICY_ID } from './policies';

const ROOT = resolve(__dirname, '../../..');

/** The shipped files keyed the way `import.meta.glob` keys them from policy-sources.ts. */
function shipped(folder: 'configs' | 'prompts'): Record<string, string> {
  return Object.fromEntries(
    readdirSync(resolve(ROOT, folder)).map((name) => [`../../../${folder}/${name}`, readFileSync(resolve(ROOT, folder, name), 'utf8')]),
  );
}

describe('buildPolicyList', () => {
  it('offers every shipped config, aegis first', () => {
    const configs = shipped('configs');
    const { options, problems } = buildPolicyList(configs, shipped('prompts'));
    expect(problems).toEqual([]);
    expect(options).toHaveLength(Object.keys(configs).length);
    expect(options[0]!.id).toBe(DEFAULT_POLICY_ID);
    const rest = options.slice(1).map((o) => o.id);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
  });

  it('reads each policy from its config and template', () => {
    const { options } = buildPolicyList(shipped('configs'), shipped('prompts'));
    const aegis = options.find((o) => o.id === 'aegis.json')!;
    expect(aegis.policy.outputField).toBe('User Safety');
    expect(aegis.policy.flaggedValue).toBe('unsafe');
    expect(aegis.policy.categories?.S1).toBe('Violence');
    expect(aegis.policy.template).toBe(readFileSync(resolve(ROOT, 'prompts/aegis.txt'), 'utf8').trim());
    expect(aegis.maxTokens).toBe(100);
    expect(aegis.label).toBe('aegis — User Safety = unsafe');
    const response = options.find((o) => o.id === 'aegis2_response.json')!;
    expect(response.policy.outputField).toBe('Response Safety');
    expect(response.policy.template).toBe(aegis.policy.template);
    expect(options.find((o) => o.id === 'toxic_chat.json')!.policy).toMatchObject({ outputField: 'User Toxicity', flaggedValue: 'toxic' });
  });

  it('reports a broken config or a missing template and keeps the others', () => {
    const configs = {
      '../../../configs/good.json': JSON.stringify({
        name: 'xstest',
        model_path: 'm',
        base_model: 'b',
        max_output_tokens: 50,
        eval_prompt: 'prompts/x.txt',
        llm_output_field: 'User Safety',
        llm_flagged_value: 'unsafe',
        eval_dataset: 'd',
      }),
      '../../../configs/missing.json': JSON.stringify({
        name: 'xstest',
        model_path: 'm',
        base_model: 'b',
        max_output_tokens: 50,
        eval_prompt: 'prompts/nowhere.txt',
        llm_output_field: 'User Safety',
        llm_flagged_value: 'unsafe',
        eval_dataset: 'd',
      }),
      '../../../configs/broken.json': '{"name": ',
    };
    const { options, problems } = buildPolicyList(configs, { '../../../prompts/x.txt': '  Judge {prompt}\n' });
    expect(options.map((o) => o.id)).toEqual(['good.json']);
    expect(options[0]!.policy.template).toBe('Judge {prompt}');
    expect(options[0]!.maxTokens).toBe(50);
    expect(problems.map((p) => p.file).sort()).toEqual(['configs/broken.json', 'configs/missing.json']);
    expect(problems.find((p) => p.file === 'configs/missing.json')!.message).toMatch(/prompts\/nowhere\.txt/);
  });
});
