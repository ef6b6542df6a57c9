import fc from 'fast-check';

/** Values that break naive handlers: null above all (a null where an object was expected is the classic 500). */
const ODD_VALUES: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '💥',
      '../../etc/passwd',
      "' OR 1=1--",
      '%00',
      'a'.repeat(300),
      '2026-02-30',
      'NaN',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308) },
  { weight: 1, arbitrary: fc.constantFrom(true, false) },
  {
    weight: 1,
    arbitrary: fc.constantFrom([], {}, [null], { nested: { deeper: [1, 'two', null] } }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

type Json = unknown;

const REMOVE = Symbol('remove');

/** Every path into a JSON tree (objects and arrays), the root excluded. */
export function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
  }
  return [];
}

/** A copy of `root` with the value at `path` replaced, or removed when `value` is REMOVE. */
function setAt(root: Json, path: (string | number)[], value: Json): Json {
  if (path.length === 0) return value === REMOVE ? undefined : value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...(root as Json[])];
    if (value === REMOVE && rest.length === 0) copy.splice(Number(head), 1);
    else copy[Number(head)] = setAt(copy[Number(head)], rest, value);
    return copy;
  }
  const copy = { ...(root as Record<string, Json>) };
  if (value === REMOVE && rest.length === 0) delete copy[String(head)];
  else copy[String(head)] = setAt(copy[String(head)], rest, value);
  return copy;
}

/**
 * Negative variants of a valid value: one field replaced by an odd value, removed, an
 * unknown field added. Each variant changes one thing, so a
 * failure names its cause.
 */
export function mutationsOf<T extends object>(
  valid: T,
  mutable: (path: (string | number)[]) => boolean = () => true,
): fc.Arbitrary<T> {
  const paths = pathsOf(valid).filter(mutable);
  if (paths.length === 0) return fc.constant(valid);
  const path = fc.constantFrom(...paths);
  const fields = paths.filter((at) => typeof at[at.length - 1] === 'string');
  const besideFields = fields.length > 0 ? fields : [['unexpectedField']];
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(path, ODD_VALUES).map(([at, odd]) => setAt(valid, at, odd) as T),
    },
    { weight: 2, arbitrary: path.map((at) => setAt(valid, at, REMOVE) as T) },
    {
      weight: 1,
      // Beside a field of an object: a key added to a list would vanish in JSON.
      arbitrary: fc
        .tuple(fc.constantFrom(...besideFields), ODD_VALUES)
        .map(([at, odd]) => setAt(valid, [...at.slice(0, -1), 'unexpectedField'], odd) as T),
    },
  );
}
