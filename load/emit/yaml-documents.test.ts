import { describe, expect, test } from 'vitest';
import { toYamlDocuments } from './yaml-documents.ts';
import { parseYamlDocuments as parse } from '../test-support/parse-yaml-documents.ts';

const SAMPLE = {
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

describe('manifest YAML', () => {
  test('keeps a script as a block literal, readable line by line', () => {
    const text = toYamlDocuments([
      { data: { 'sla.js': 'import http from "k6/http";\nexport default function () {}\n' } },
    ]);
    expect(text).toBe('---\ndata:\n  sla.js: |\n    import http from "k6/http";\n    export default function () {}\n');
  });

  test('what it writes, a YAML parser reads back unchanged', () => {
    expect(parse(toYamlDocuments([SAMPLE, { kind: 'TestRun' }]))).toEqual([SAMPLE, { kind: 'TestRun' }]);
  });
});
