import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { AEGIS_CATEGORIES, MLCOMMONS_CATEGORIES, policyFromConfig, templateStyle } from './taxonomies';

const ROOT = resolve(__dirname, '../..');

function configOf(file: string) {
  return parseConfig(readFileSync(resolve(ROOT, 'configs', file), 'utf8'), file).config;
}

/** Python `str.format` placeholders of a template; throws on a lone brace like Python would. */
function placeholders(template: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      i++;
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      names.push(template.slice(i + 1, end));
      i = end;
    } else if (c === '}') {
      throw new Error(`single } at ${i}`);
    }
  }
  return names;
}

/** `S<n>: Name.` lines of a template, as id → name. */
function listedCategories(template: string): Record<string, string> {
  return Object.fromEntries([...template.matchAll(/^(S\d+): (.+?)\. /gm)].map((m) => [m[1]!, m[2]!]));
}

describe('category lists', () => {
  it('hold the 14 ids and names of the spec', () => {
    expect(Object.keys(AEGIS_CATEGORIES)).toEqual(Array.from({ length: 14 }, (_, i) => `S${i + 1}`));
    expect(AEGIS_CATEGORIES.S7).toBe('Sexual (minor)');
    expect(AEGIS_CATEGORIES.S13).toBe('Needs Caution');
    expect(Object.keys(MLCOMMONS_CATEGORIES)).toHaveLength(14);
    expect(MLCOMMONS_CATEGORIES.S6).toBe('Specialized Advice');
    expect(MLCOMMONS_CATEGORIES.S14).toBe('Code Interpreter Abuse');
  });
});

describe('templateStyle', () => {
  it('reads the style from the output field first, then from the keys the template names', () => {
    expect(templateStyle('Harmful response', '')).toBe('wildguard');
    expect(templateStyle('User Safety', '"Harmful request"')).toBe('aegis');
    expect(templateStyle('verdict', 'Reply with {{"Response Safety": ...}}')).toBe('aegis');
    expect(templateStyle('User Toxicity', '')).toBe('toxic_chat');
    expect(templateStyle('is_safe', '')).toBe('beavertails');
    expect(templateStyle('verdict', 'Reply with {{"verdict": "bad"}}')).toBe('other');
  });
});

describe('shipped templates', () => {
  const configs = readdirSync(resolve(ROOT, 'configs')).filter((f) => f.endsWith('.json'));

  for (const file of configs) {
    const config = configOf(file);
    const text = readFileSync(resolve(ROOT, config.eval_prompt), 'utf8');
    const policy = policyFromConfig(config, text);

    describe(`${file} → ${config.eval_prompt}`, () => {
      it('fills {prompt} and {response} once each, with every literal brace doubled', () => {
        expect(placeholders(text).sort()).toEqual(['prompt', 'response']);
      });

      it('ends by asking for only the JSON, then the line "Output JSON:"', () => {
        const lines = text.trim().split('\n');
        expect(lines.at(-1)).toBe('Output JSON:');
        expect(lines.at(-2)).toMatch(/^Give only the JSON object/);
      });

      it('asks for the verdict key and the flagged value of the config', () => {
        const format = text.slice(text.indexOf('Output format'));
        const flagged = config.llm_flagged_value === 'false' ? 'false' : `"${config.llm_flagged_value}"`;
        expect(format).toContain(`"${config.llm_output_field}"`);
        expect(format).toContain(flagged);
      });

      it('lists exactly the categories of its style, and the policy carries them', () => {
        const style = templateStyle(config.llm_output_field, text);
        const expected = style === 'aegis' ? AEGIS_CATEGORIES : style === 'wildguard' ? MLCOMMONS_CATEGORIES : {};
        expect(listedCategories(text)).toEqual(expected);
        expect(policy.categories ?? {}).toEqual(expected);
        expect(policy).toMatchObject({ template: text, outputField: config.llm_output_field, flaggedValue: config.llm_flagged_value });
      });
    });
  }

  it('use the keys and values each style defines', () => {
    const read = (name: string) => readFileSync(resolve(ROOT, 'prompts', name), 'utf8');
    const aegis = read('aegis.txt');
    for (const phrase of ['"User Safety": "safe" or "unsafe"', '"Response Safety": "safe" or "unsafe"', '"Safety Categories"']) {
      expect(aegis).toContain(phrase);
    }
    const wildguard = read('wildguard_prompt.txt');
    for (const phrase of ['"Harmful request": "harmful" or "unharmful"', '"Response refusal": "refusal"', '"compliance"', '"Harmful response": "harmful" or "unharmful"', 'or null']) {
      expect(wildguard).toContain(phrase);
    }
    expect(read('toxic_chat.txt')).toContain('"User Toxicity" whose value is "toxic" or "non-toxic"');
    expect(read('beaverTails.txt')).toContain('"is_safe" whose value is the JSON boolean true when the answer is safe and false');
  });
});
