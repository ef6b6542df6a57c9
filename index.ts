/**
 * What a consumer imports: `defineConfig` for hasivu-verify.config.ts and the types behind it.
 * Everything else runs through the `hasivu-verify` command.
 */
export { defineConfig } from './fixtures/environments/harness-config.ts';
export type { HarnessConfig, ProfileOverrides } from './fixtures/environments/harness-config.ts';
export type { Profile, ProfileInput } from './fixtures/environments/profile-schema.ts';
