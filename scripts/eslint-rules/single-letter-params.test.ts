import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, test } from 'vitest';
import { hasivuRules } from './single-letter-params.ts';

RuleTester.describe = describe;
RuleTester.it = test;
RuleTester.itOnly = test.only;

const rule = hasivuRules.rules?.['single-letter-params'];
if (!rule || typeof rule === 'function') throw new Error('the plugin has no single-letter-params rule');

new RuleTester({ languageOptions: { parser: tseslint.parser } }).run('single-letter-params', rule, {
  valid: [
    'items.sort((a, b) => a.at - b.at);',
    // wrapped by the formatter, still one expression of three lines
    'items.map((x) =>\n  x.name\n    .trim());',
    'items.forEach((x) => {\n  seen.add(x);\n});',
    'function unused(_, value) {\n  const doubled = value * 2;\n  log(doubled);\n  return doubled;\n}',
    'function named(value) {\n  const doubled = value * 2;\n  log(doubled);\n  return doubled;\n}',
    // destructured names are the keys of the object, not a choice
    'function pick({ a }) {\n  const doubled = a * 2;\n  log(doubled);\n  return doubled;\n}',
  ],
  invalid: [
    {
      code: 'items.forEach((x) => {\n  seen.add(x);\n  log(x);\n});',
      errors: [{ messageId: 'singleLetter', data: { name: 'x', lines: '4' } }],
    },
    {
      code: 'function f(a, b = 1, ...c) {\n  const sum = a + b;\n  log(c);\n  return sum;\n}',
      errors: ['a', 'b', 'c'].map((name) => ({ messageId: 'singleLetter', data: { name, lines: '5' } })),
    },
    {
      code: 'class Store {\n  constructor(private s: string) {\n    log(s);\n    log(s);\n  }\n}',
      errors: [{ messageId: 'singleLetter', data: { name: 's', lines: '4' } }],
    },
  ],
});
