import { runVerification } from './provider/run-verification.ts';
import { startFakePlatform } from './test-support/fake-platform.ts';
const fake = await startFakePlatform({ drift: (process.argv[2] as 'renamed-field') || undefined });
const t0 = Date.now();
const run = await runVerification({
  target: { baseUrl: fake.url, credentials: { email: fake.email, password: fake.password }, webhookSecret: process.argv[3] === 'nosecret' ? undefined : fake.webhookSecret, adminToken: undefined, local: false },
  requestTimeoutMs: 5000, maxResponseBytes: 1e6,
  pactFiles: ['contracts/pacts/hasivu-web-hasivu-platform.json', 'contracts/pacts/hasivu-mobile-hasivu-platform.json'],
}, { logFile: '/tmp/verif.log', timeoutMs: 60000 });
console.log(Date.now() - t0, 'ms');
console.log(JSON.stringify({ ...run, output: run.output && { result: run.output.result, interactionResults: run.output.interactionResults.map(r => [r.consumer, r.description, r.result, JSON.stringify(r.mismatch)?.slice(0, 300)]) } }, null, 1));
await fake.close();
