import { describe, expect, test } from 'vitest';
import { toYaml, toYamlDocuments, type YamlValue } from './to-yaml.ts';
import { parseYamlDocuments as parse } from '../test-support/parse-yaml-documents.ts';

const SAMPLE: YamlValue = {
  apiVersion: 'v1',
  metadata: { name: 'x', labels: { 'app.kubernetes.io/part-of': 'hasivu-verify' } },
  spec: {
    parallelism: 2,
    separate: false,
    tricky: ['yes', 'null', '0755', '# not a comment', 'a: b', ''],
    env: [
      { name: 'A', value: '{"json":true}' },
      { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'password' } } },
    ],
    empty: {},
    none: [],
  },
  data: {
    'sla.js': 'import http from "k6/http";\n\nexport default function () {\n\thttp.get("x");\n}\n',
    'indented.txt': '  starts with spaces\nand no newline',
  },
};

describe('the YAML writer', () => {
  test('writes maps, lists and JSON-quoted scalars', () => {
    expect(toYaml({ a: 'b', n: 1, t: true, list: ['x', { k: 'v', w: 2 }], e: [] })).toBe(
      ['a: "b"', 'n: 1', 't: true', 'list:', '  - "x"', '  - k: "v"', '    w: 2', 'e: []', ''].join(
        '\n',
      ),
    );
  });

  test('keeps multi-line text as a block literal', () => {
    expect(toYaml({ f: 'one\ntwo\n' })).toBe('f: |\n  one\n  two\n');
    expect(toYaml({ f: 'one\ntwo' })).toBe('f: |-\n  one\n  two\n');
  });

  test('what it writes, a YAML parser reads back unchanged', () => {
    expect(parse(toYamlDocuments([SAMPLE, { kind: 'TestRun' }]))).toEqual([
      SAMPLE,
      { kind: 'TestRun' },
    ]);
  });
});
