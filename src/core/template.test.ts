import { describe, expect, it } from 'vitest';
import { GuardError } from './errors';
import { fillTemplate, prepareTemplate, templatePlaceholders, templatePrefix } from './template';

function errorOf(run: () => unknown): GuardError {
  try {
    run();
  } catch (error) {
    if (error instanceof GuardError) return error;
    throw error;
  }
  throw new Error('expected a GuardError');
}

describe('fillTemplate (Python str.format with prompt= and response=)', () => {
  it('fills placeholders and turns doubled braces into literal ones', () => {
    const template = 'Judge:\nUser: {prompt}\nAgent: {response}\nAnswer as {{"User Safety": "safe"}}.';
    expect(fillTemplate(template, { prompt: 'hi', response: 'hello' })).toBe(
      'Judge:\nUser: hi\nAgent: hello\nAnswer as {"User Safety": "safe"}.',
    );
  });

  it('inserts values verbatim and never reads them as template syntax', () => {
    // Python: '{{a}} {prompt} {prompt!s} {prompt:} {prompt!s:}'.format(prompt='P{response}', response='R')
    expect(fillTemplate('{{a}} {prompt} {prompt!s} {prompt:} {prompt!s:}', { prompt: 'P{response}', response: 'R' })).toBe(
      '{a} P{response} P{response} P{response} P{response}',
    );
    expect(fillTemplate('{prompt}', { prompt: '{{x}} }{', response: '' })).toBe('{{x}} }{');
  });

  it('fills a template that uses a placeholder twice, or none', () => {
    expect(fillTemplate('{prompt}|{prompt}', { prompt: 'a', response: '' })).toBe('a|a');
    expect(fillTemplate('no fields {{}}', { prompt: 'a', response: 'b' })).toBe('no fields {}');
  });

  it.each([
    // Python raises for each of these (KeyError, IndexError, ValueError) or fills them differently (!r, :>10, [0]).
    ['{x}', 1, 1, 'unknown placeholder {x}'],
    ['ab {}', 1, 4, 'positional placeholder {}'],
    ['{0}', 1, 1, 'positional placeholder {0}'],
    ['{ prompt}', 1, 1, 'unknown placeholder { prompt}'],
    ['{prompt!r}', 1, 1, 'conversion, format spec'],
    ['{prompt:>10}', 1, 1, 'conversion, format spec'],
    ['{prompt[0]}', 1, 1, 'conversion, format spec'],
    ['{prompt.x}', 1, 1, 'conversion, format spec'],
    ['{prompt!}', 1, 1, 'conversion, format spec'],
    ['line one\nsay a}b', 2, 6, "single '}'"],
    ['x\n\n  {prompt', 3, 3, "'{' is never closed"],
    ['{prompt:{response}}', 1, 1, 'conversion, format spec'],
    ['é{x}', 1, 2, 'unknown placeholder'],
  ])('%j is a BAD_TEMPLATE error at line %i, column %i', (template, line, column, message) => {
    const error = errorOf(() => fillTemplate(template, { prompt: 'P', response: 'R' }));
    expect(error.code).toBe('BAD_TEMPLATE');
    expect(error.details).toEqual({ line, column });
    expect(error.message).toContain(`line ${line}, column ${column}`);
    expect(error.message).toContain(message);
  });
});

describe('prepareTemplate (file text as the reference reads it)', () => {
  it('strips Python whitespace, reads CRLF and lone CR as newlines, keeps a BOM', () => {
    expect(prepareTemplate('\n\x1c  Task: {prompt}\r\nOutput JSON:\r\n\u3000')).toBe('Task: {prompt}\nOutput JSON:');
    expect(prepareTemplate('a\rb')).toBe('a\nb');
    expect(prepareTemplate('\ufeffTask {prompt}\n')).toBe('\ufeffTask {prompt}');
    expect(prepareTemplate('  \n ')).toBe('');
  });

  it('reports errors at their line and column in the file, leading blank lines included', () => {
    // "\r\n\r\n  Hello {x}": the `{` sits on line 3 after 8 characters.
    const error = errorOf(() => prepareTemplate('\r\n\r\n  Hello {x}'));
    expect(error.details).toEqual({ line: 3, column: 9 });
  });
});

describe('templatePlaceholders and templatePrefix', () => {
  it('lists the placeholders once each, in order of first use', () => {
    expect(templatePlaceholders('{response} {prompt} {response}')).toEqual(['response', 'prompt']);
    expect(templatePlaceholders('{{prompt}}')).toEqual([]);
  });

  it('gives the fixed text before the first placeholder, braces unescaped', () => {
    expect(templatePrefix('Task {{x}}: {prompt} then {response}')).toBe('Task {x}: ');
    expect(templatePrefix('{prompt} rest')).toBe('');
    expect(templatePrefix('all {{fixed}}')).toBe('all {fixed}');
  });

  it('throws the same error as filling for a bad template', () => {
    expect(errorOf(() => templatePrefix('a {x}')).code).toBe('BAD_TEMPLATE');
  });
});
