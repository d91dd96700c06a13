import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelSpecOf, parseConfig } from './config';
import { GuardError } from './errors';

const ROOT = resolve(__dirname, '../..');

const VALID = {
  name: 'aegis',
  model_path: 'Roblox/Llama-3.1-8B-Instruct-RoGuard-1.0',
  base_model: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
  max_output_tokens: 100,
  eval_prompt: 'prompts/aegis.txt',
  llm_output_field: 'User Safety',
  llm_flagged_value: 'unsafe',
  eval_dataset: 'nvidia/Aegis-AI-Content-Safety-Dataset-1.0',
  eval_label_field: 'prompt_label',
  eval_flagged_value: 'unsafe',
  output_file: 'outputs/aegis.csv',
};

function failure(text: string, file = 'configs/x.json'): GuardError {
  try {
    parseConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(GuardError);
    return error as GuardError;
  }
  throw new Error('expected parseConfig to throw');
}

function without(key: keyof typeof VALID): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...VALID };
  delete copy[key];
  return copy;
}

describe('parseConfig', () => {
  it('accepts a reference config as it is', () => {
    const { config, warnings } = parseConfig(JSON.stringify(VALID), 'configs/aegis.json');
    expect(warnings).toEqual([]);
    expect(config).toEqual(VALID);
    expect(labelSpecOf(config)).toEqual({ field: 'prompt_label', flaggedValue: 'unsafe' });
  });

  it('reports invalid JSON with the file, line and column', () => {
    const error = failure('{\n  "name": "aegis",\n  "max_output_tokens": 100,\n}\n');
    expect(error.code).toBe('BAD_CONFIG');
    expect(error.message).toMatch(/^configs\/x\.json: invalid JSON at line 4, column 1: /);
    expect(error.details).toMatchObject({ file: 'configs/x.json', line: 4, column: 1 });
  });

  it('reports an empty file and a non-object', () => {
    expect(failure('  \n').message).toBe('configs/x.json: the config file is empty; it must hold a JSON object.');
    expect(failure('[1]').message).toBe('configs/x.json: a config must be a JSON object, got an array.');
  });

  it('names a missing field', () => {
    const error = failure(JSON.stringify(without('llm_output_field')));
    expect(error.message).toBe(
      'configs/x.json: field "llm_output_field" is missing; it must be a non-empty string (the verdict key, e.g. "User Safety").',
    );
    expect(error.details).toEqual({ file: 'configs/x.json', field: 'llm_output_field' });
  });

  it('names a wrong-typed field and what it got', () => {
    expect(failure(JSON.stringify({ ...VALID, max_output_tokens: '100' })).message).toBe(
      'configs/x.json: field "max_output_tokens" must be a positive whole number (e.g. 100), got the string "100".',
    );
    expect(failure(JSON.stringify({ ...VALID, max_output_tokens: 1.5 })).details).toMatchObject({ field: 'max_output_tokens' });
    expect(failure(JSON.stringify({ ...VALID, eval_flagged_value: 1 })).message).toMatch(
      /field "eval_flagged_value" must be a string .*write numbers and booleans in quotes.*got the number 1\.$/,
    );
    expect(failure(JSON.stringify({ ...VALID, name: '' })).message).toMatch(/field "name" must be .* got an empty string\.$/);
  });

  it('warns about unknown fields, suggesting a near name, and keeps them out', () => {
    const { config, warnings } = parseConfig(JSON.stringify({ ...VALID, eval_labels_field: 'x', colour: 'red' }), 'c.json');
    expect(warnings).toEqual([
      'c.json: unknown field "eval_labels_field" is ignored (did you mean "eval_label_field"?).',
      'c.json: unknown field "colour" is ignored.',
    ]);
    expect(config).toEqual(VALID);
  });

  it('treats an absent, null or empty label field as a labeling-only run', () => {
    for (const label of [undefined, null, '']) {
      const raw = { ...without('eval_label_field'), ...(label === undefined ? {} : { eval_label_field: label }) };
      delete (raw as Record<string, unknown>).eval_flagged_value;
      const { config, warnings } = parseConfig(JSON.stringify(raw), 'c.json');
      expect(config.eval_label_field).toBeUndefined();
      expect(labelSpecOf(config)).toBeNull();
      expect(warnings).toEqual([]);
    }
  });

  it('requires eval_flagged_value with a label field, and warns when it stands alone', () => {
    expect(failure(JSON.stringify(without('eval_flagged_value'))).details).toEqual({ file: 'configs/x.json', field: 'eval_flagged_value' });
    const { warnings } = parseConfig(JSON.stringify(without('eval_label_field')), 'c.json');
    expect(warnings).toEqual(['c.json: "eval_flagged_value" is ignored because "eval_label_field" is absent or empty (a labeling-only run).']);
  });

  it('drops a null output_file (the default name applies) and keeps the extras', () => {
    const { config } = parseConfig(JSON.stringify({ ...VALID, output_file: null, eval_split: 'test', eval_revision: 'v0' }), 'c.json');
    expect(config.output_file).toBeUndefined();
    expect(config.eval_split).toBe('test');
    expect(config.eval_revision).toBe('v0');
  });

  it('accepts a byte-order mark with a warning', () => {
    const { config, warnings } = parseConfig(`\uFEFF${JSON.stringify(VALID)}`, 'c.json');
    expect(config.name).toBe('aegis');
    expect(warnings).toHaveLength(1);
  });
});

describe('shipped configs', () => {
  const files = readdirSync(resolve(ROOT, 'configs')).filter((f) => f.endsWith('.json'));

  it('are the 13 benchmarks of the spec', () => {
    expect(files.sort()).toEqual(
      [
        'RoGuardEval', 'aegis', 'aegis2_prompt', 'aegis2_response', 'beaverTails', 'harmbench', 'openai_mod',
        'safeRLHF', 'simpleST', 'toxic_chat', 'wildguard_prompt', 'wildguard_response', 'xstest',
      ].map((n) => `${n}.json`),
    );
  });

  const table: Record<string, [string, string, string, string, string, string, string]> = {
    RoGuardEval: ['RoGuardEval', 'Roblox/RoGuard-Eval', 'violation', 'true', 'Response Safety', 'unsafe', 'RoGuardEval'],
    aegis: ['aegis', 'nvidia/Aegis-AI-Content-Safety-Dataset-1.0', 'prompt_label', 'unsafe', 'User Safety', 'unsafe', 'aegis'],
    aegis2_prompt: ['aegis2', 'nvidia/Aegis-AI-Content-Safety-Dataset-2.0', 'prompt_label', 'unsafe', 'User Safety', 'unsafe', 'aegis'],
    aegis2_response: ['aegis2', 'nvidia/Aegis-AI-Content-Safety-Dataset-2.0', 'response_label', 'unsafe', 'Response Safety', 'unsafe', 'aegis'],
    beaverTails: ['beavertails', 'PKU-Alignment/BeaverTails', 'is_safe', 'false', 'is_safe', 'false', 'beaverTails'],
    harmbench: ['harmbench', 'datasets/text_behaviors_val_set.json', 'violation', '1', 'Response Safety', 'unsafe', 'harmbench'],
    openai_mod: ['openai_mod', 'datasets/samples-1680.jsonl', 'prompt_label', 'unsafe', 'User Safety', 'unsafe', 'openai_mod'],
    safeRLHF: ['safeRLHF', 'PKU-Alignment/PKU-SafeRLHF', 'is_safe', 'unsafe', 'Response Safety', 'unsafe', 'safeRLHF'],
    simpleST: ['simpleST', 'Bertievidgen/SimpleSafetyTests', 'violation', 'true', 'User Safety', 'unsafe', 'simpleST'],
    toxic_chat: ['toxic_chat', 'lmsys/toxic-chat', 'toxicity', '1', 'User Toxicity', 'toxic', 'toxic_chat'],
    wildguard_prompt: ['wildguard_prompt', 'allenai/wildguardmix', 'prompt_harm_label', 'harmful', 'Harmful request', 'harmful', 'wildguard_prompt'],
    wildguard_response: ['wildguard_response', 'allenai/wildguardmix', 'response_harm_label', 'harmful', 'Harmful response', 'harmful', 'wildguard_response'],
    xstest: ['xstest', 'Paul/XSTest', 'label', 'unsafe', 'User Safety', 'unsafe', 'xstest'],
  };

  for (const [file, [name, dataset, label, flagged, field, value, prompt]] of Object.entries(table)) {
    it(`${file}.json matches the spec's table`, () => {
      const { config, warnings } = parseConfig(readFileSync(resolve(ROOT, 'configs', `${file}.json`), 'utf8'), `${file}.json`);
      expect(warnings).toEqual([]);
      expect(config).toMatchObject({
        name,
        model_path: 'Roblox/Llama-3.1-8B-Instruct-RoGuard-1.0',
        base_model: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
        max_output_tokens: 100,
        eval_prompt: `prompts/${prompt}.txt`,
        llm_output_field: field,
        llm_flagged_value: value,
        eval_dataset: dataset,
        eval_label_field: label,
        eval_flagged_value: flagged,
        output_file: `outputs/${file}.csv`,
      });
      expect(readFileSync(resolve(ROOT, config.eval_prompt), 'utf8').length).toBeGreaterThan(500);
    });
  }

  it('give every config its own output file', () => {
    const outputs = files.map((f) => parseConfig(readFileSync(resolve(ROOT, 'configs', f), 'utf8'), f).config.output_file);
    expect(new Set(outputs).size).toBe(files.length);
  });
});
