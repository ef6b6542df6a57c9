import './pact-telemetry.ts';
import { Verifier } from '@pact-foundation/pact';
import { startFakePlatform } from './test-support/fake-platform.ts';

const fake = await startFakePlatform({ drift: 'renamed-field' });
let token = '';
const v = new Verifier({
  provider: 'hasivu-platform',
  providerBaseUrl: fake.url,
  pactUrls: ['contracts/pacts/hasivu-mobile-hasivu-platform.json'],
  logLevel: 'warn',
  stateHandlers: {
    'a parent with one student exists': async () => {
      const r = await fetch(fake.url + '/auth/login', { method: 'POST', body: JSON.stringify({ email: fake.email, password: fake.password }) });
      const b = (await r.json()) as { accessToken: string; user: { schoolId: string; students: { id: string }[] } };
      token = b.accessToken;
      return { email: fake.email, password: fake.password, schoolId: b.user.schoolId, studentId: b.user.students[0]!.id };
    },
  },
  requestFilter: (req, _res, next) => {
    if (req.headers.authorization === 'Bearer pact-placeholder-access-token') req.headers.authorization = `Bearer ${token}`;
    next();
  },
});
try {
  const out = await v.verifyProvider();
  console.log('RESOLVED', out);
} catch (e) {
  console.log('REJECTED', (e as Error).message);
}
await fake.close();
