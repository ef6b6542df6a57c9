import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  format?: string;
  checks?: {
    _zod: {
      def: { check: string; value?: number; minimum?: number; format?: string; pattern?: RegExp };
    };
  }[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, string>;
  innerType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function minimum(def: Def): number {
  return def.checks?.map((c) => c._zod.def).find((c) => c.check === 'min_length')?.minimum ?? 0;
}

function string(def: Def): fc.Arbitrary<string> {
  const pattern = def.checks?.map((c) => c._zod.def).find((c) => c.format === 'regex')?.pattern;
  if (pattern) return fc.stringMatching(pattern);
  switch (def.format) {
    case 'email':
      return fc.emailAddress();
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'datetime':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'uuid':
      return fc.uuid();
    default:
      return fc.string({ minLength: Math.max(minimum(def), 0), maxLength: 40 });
  }
}

function number(def: Def): fc.Arbitrary<number> {
  const bound = def.checks?.map((c) => c._zod.def).find((c) => c.check === 'greater_than');
  const min = bound ? (bound.value ?? 0) + 1 : -1000;
  return def.format === 'safeint' || def.format === 'int'
    ? fc.integer({ min, max: min + 10_000 })
    : fc.double({ min, max: min + 10_000, noNaN: true });
}

/**
 * A fast-check arbitrary of values that satisfy a request schema of the contract: the
 * subset of zod the request schemas use (objects, strings with formats, numbers,
 * arrays, literals, enums, optionals). Anything else yields arbitrary JSON.
 */
export function arbitraryOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return fc.record(
        Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, field]) => [key, arbitraryOf(field)])),
      );
    case 'string':
      return string(def);
    case 'number':
      return number(def);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(def.element ? arbitraryOf(def.element) : fc.jsonValue(), {
        minLength: minimum(def),
        maxLength: 4,
      });
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'optional':
      return def.innerType ? fc.option(arbitraryOf(def.innerType), { nil: undefined }) : fc.constant(undefined);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
