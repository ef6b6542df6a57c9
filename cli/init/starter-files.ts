/**
 * What `hasivu-verify init` writes into the platform's repository: a config file the team
 * reviews, the post-deploy workflow and npm scripts.
 * Every command in them goes through `hasivu-verify`, pinned by the repository's lock file.
 */

export const STARTER_CONFIG = `import { defineConfig } from 'hasivu-verify';

/**
 * hasivu-verify's settings for this repository (docs: node_modules/hasivu-verify/docs/installing.md).
 * Secrets never go here: HARNESS_USER_PASSWORD, HARNESS_WEBHOOK_SECRET and HARNESS_ADMIN_TOKEN
 * come from the environment. Any field is still overridden by its HARNESS_* variable.
 */
export default defineConfig({
  profiles: {
    staging: {
      target: { baseUrl: 'https://api.staging.example.com' },
      auth: { email: 'parent@demo.hasivu.test' },
    },
    production: {
      target: { baseUrl: 'https://api.example.com' },
    },
  },
  // JSON drills of this team's own, run with \`npm run test:chaos -- --drill <file name>\`.
  drillsDir: 'hasivu/drills',
  // Results, logs and the scorecard.
  reportsDir: 'reports/hasivu',
});
`;

/** The post-deploy smoke job: the deployment's environment checked within minutes of going live. */
export const POST_DEPLOY_WORKFLOW = `# Smoke right after a deploy (hasivu-verify): the deployed environment is checked within minutes.
# Triggered by a successful deployment_status event, or by hand for any environment.
name: post-deploy smoke

on:
  deployment_status:
  workflow_dispatch:
    inputs:
      environment:
        description: Environment to smoke-test (its profile in hasivu-verify.config.ts and its GitHub environment)
        type: choice
        options: [staging, production]
        default: staging

permissions:
  contents: read

concurrency:
  group: smoke-\${{ github.event.deployment_status.environment || inputs.environment }}
  cancel-in-progress: false

jobs:
  smoke:
    if: github.event_name == 'workflow_dispatch' || github.event.deployment_status.state == 'success'
    runs-on: ubuntu-latest
    timeout-minutes: 15
    environment: \${{ github.event.deployment_status.environment || inputs.environment }}
    env:
      HARNESS_ENV: \${{ github.event.deployment_status.environment || inputs.environment }}
      HARNESS_USER_PASSWORD: \${{ secrets.HARNESS_USER_PASSWORD }}
      HARNESS_WEBHOOK_SECRET: \${{ secrets.HARNESS_WEBHOOK_SECRET }}
      HARNESS_REPORTS_DIR: \${{ github.workspace }}/reports/hasivu
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          cache: npm
      - run: npm ci --no-fund --no-audit
      # The job's exit code is the smoke verdict: any failed check fails the job.
      - name: Smoke
        run: npx hasivu-verify run smoke --env "$HARNESS_ENV"
      # A scorecard of this run alone, for the step summary; exit 1 and 3 are verdicts, 2 is an error.
      - name: Scorecard
        if: always()
        run: npx hasivu-verify check --env "$HARNESS_ENV" || [ $? -ne 2 ]
      - name: Upload evidence
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: smoke-results-\${{ env.HARNESS_ENV }}
          path: reports/hasivu
          retention-days: 30
          if-no-files-found: warn
`;

/**
 * npm scripts, each started with `exec` so a signal npm forwards reaches the harness itself
 * (sh does not pass signals on to its child).
 */
export const STARTER_SCRIPTS: Readonly<Record<string, string>> = {
  'test:smoke:staging': 'exec hasivu-verify run smoke --env staging',
  'test:smoke:production': 'exec hasivu-verify run smoke --env production',
  'health:check:staging': 'exec hasivu-verify run smoke --env staging --tags health',
  'health:check:production': 'exec hasivu-verify run smoke --env production --tags health',
  'check:staging': 'exec hasivu-verify check --env staging',
  'check:production': 'exec hasivu-verify check --env production',
  'test:contract:staging': 'exec hasivu-verify run contract --env staging',
  'test:performance:staging': 'exec hasivu-verify run load --env staging --profile nightly',
  'test:chaos': 'exec hasivu-verify run chaos --env staging',
};
