// A local ESLint rule (the project's own plugin, eslint.config.js): a parameter named by one
// letter is fine in a lambda read at a glance (`(a, b) => a.at - b.at`), but a reader of a longer
// body has to scroll back to learn what `r` or `x` holds.
import type { ESLint, Rule } from 'eslint';

/**
 * A body of up to three lines is still a tiny lambda: an expression arrow, even wrapped by the
 * formatter, or a block with one statement (`{`, the statement, `}`); a second statement makes four.
 */
const TINY_BODY_LINES = 3;

type FunctionNode = Rule.Node & {
  type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression';
  params: ParamNode[];
  body: Rule.Node;
};

/** The parameter shapes that name one binding; destructured names are dictated by their keys. */
type ParamNode =
  | { type: 'Identifier'; name: string }
  | { type: 'AssignmentPattern'; left: ParamNode }
  | { type: 'RestElement'; argument: ParamNode }
  | { type: 'TSParameterProperty'; parameter: ParamNode }
  | { type: string };

function boundName(param: ParamNode): string | undefined {
  if ('name' in param && param.type === 'Identifier') return param.name;
  if ('left' in param && param.type === 'AssignmentPattern') return boundName(param.left);
  if ('argument' in param && param.type === 'RestElement') return boundName(param.argument);
  if ('parameter' in param && param.type === 'TSParameterProperty') return boundName(param.parameter);
  return undefined;
}

function bodyLines(node: FunctionNode): number {
  const { loc } = node.body;
  return loc ? loc.end.line - loc.start.line + 1 : 1;
}

const rule: Rule.RuleModule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'No one-letter parameter names outside lambdas of up to three lines (`_` allowed)' },
    schema: [],
    messages: {
      singleLetter:
        "Parameter '{{name}}' of a {{lines}}-line body: name it by what it holds (one letter is for lambdas of up to " +
        `${TINY_BODY_LINES} lines; '_' for an unused one).`,
    },
  },
  create(context) {
    const check = (node: Rule.Node): void => {
      const fn = node as FunctionNode;
      const lines = bodyLines(fn);
      if (lines <= TINY_BODY_LINES) return;
      for (const param of fn.params) {
        const name = boundName(param);
        if (name?.length === 1 && name !== '_')
          context.report({ node: param, messageId: 'singleLetter', data: { name, lines: String(lines) } });
      }
    };
    return { FunctionDeclaration: check, FunctionExpression: check, ArrowFunctionExpression: check };
  },
};

/** The project's own rules, registered in eslint.config.js under the `hasivu` prefix. */
export const hasivuRules: ESLint.Plugin = {
  meta: { name: 'hasivu' },
  rules: { 'single-letter-params': rule },
};
