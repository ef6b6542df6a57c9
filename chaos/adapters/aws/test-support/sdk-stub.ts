import { mockClient } from 'aws-sdk-client-mock';
import type { CommandOutput, SdkCommand } from '../sdk/aws-call.ts';

/**
 * aws-sdk-client-mock is typed against the @smithy/types its own install resolves (2.x, the
 * FIS client's), while the CloudWatch, Lambda and CodeDeploy clients carry 4.x: `mockClient`
 * and `.on(Command)` then fail to type-check (aws-sdk-client-mock issue #197). Tests go through
 * this small interface instead. The runtime is aws-sdk-client-mock's, unchanged; the types are
 * derived from each command class, so a response that does not fit the SDK's output shape
 * still fails to compile.
 */

/** An SDK v3 command class; its input and output types are read from its instances. */
type CommandClass = abstract new (input: never) => SdkCommand;
type InputOf<C extends CommandClass> = InstanceType<C>['input'];
type OutputOf<C extends CommandClass> = CommandOutput<InstanceType<C>>;

export interface CommandStub<C extends CommandClass> {
  resolves(output: Partial<OutputOf<C>>): CommandStub<C>;
  resolvesOnce(output: Partial<OutputOf<C>>): CommandStub<C>;
  rejects(error: Error): CommandStub<C>;
  rejectsOnce(error: Error): CommandStub<C>;
}

export interface SdkStub {
  on<C extends CommandClass>(command: C, input?: Partial<InputOf<C>>): CommandStub<C>;
  /** The inputs each call of `command` was sent with, in order. */
  inputsOf<C extends CommandClass>(command: C): InputOf<C>[];
  /** Every command sent, by class name, in order. */
  sent(): string[];
}

interface LooseBehavior {
  resolves(output: unknown): LooseBehavior;
  resolvesOnce(output: unknown): LooseBehavior;
  rejects(error: unknown): LooseBehavior;
  rejectsOnce(error: unknown): LooseBehavior;
}
interface LooseCall {
  args: unknown[];
}
interface LooseStub {
  on(command: unknown, input?: unknown): LooseBehavior;
  commandCalls(command: unknown): LooseCall[];
  calls(): LooseCall[];
}

function wrapBehavior<C extends CommandClass>(behavior: LooseBehavior): CommandStub<C> {
  const self: CommandStub<C> = {
    resolves: (output) => (behavior.resolves(output), self),
    resolvesOnce: (output) => (behavior.resolvesOnce(output), self),
    rejects: (error) => (behavior.rejects(error), self),
    rejectsOnce: (error) => (behavior.rejectsOnce(error), self),
  };
  return self;
}

function commandOf(call: LooseCall): { input: object; constructor: { name: string } } {
  return call.args[0] as { input: object; constructor: { name: string } };
}

/** Stubs `send` on one client instance. The single loose conversion of the test suite lives here. */
export function stubSdkClient(client: { send: unknown }): SdkStub {
  const stub = mockClient(client as Parameters<typeof mockClient>[0]) as unknown as LooseStub;
  return {
    on: (command, input) => wrapBehavior(stub.on(command, input)),
    inputsOf: <C extends CommandClass>(command: C) =>
      stub.commandCalls(command).map((call) => commandOf(call).input as InputOf<C>),
    sent: () => stub.calls().map((call) => commandOf(call).constructor.name),
  };
}

/**
 * A response field the served client does not type yet (FIS's `cancelled` state and
 * `state.error` are newer than client-fis 3.523.0) but AWS sends and the client passes
 * through. The one place a test says "the type is older than the API".
 */
export function newerThanClient<T>(value: object): T {
  return value as T;
}
