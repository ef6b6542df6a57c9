// The platform control client lives in fixtures/platform-control/: smoke, integration and
// chaos all use it. This re-export keeps the AWS adapters' and the cleanup's imports working
// while they are being reworked; point them at the fixture and remove this file.
export { ControlClient } from '../../../fixtures/platform-control/control-client.ts';
