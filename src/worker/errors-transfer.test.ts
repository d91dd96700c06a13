import { expose, proxy, wrap, type Remote } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { GuardError } from '../core/errors';
import { registerGuardErrorTransfer } from './errors-transfer';

registerGuardErrorTransfer();

interface Api {
  fail(code: 'CONTEXT_OVERFLOW' | 'STORAGE_QUOTA'): Promise<void>;
  failPlain(): Promise<void>;
  echo(error: GuardError): Promise<GuardError>;
  callBack(onEvent: () => void): Promise<string>;
}

const api: Api = {
  async fail(code) {
    throw new GuardError(code, `failed with ${code}`, { row: 3, file: 'a.csv', quota: null });
  },
  async failPlain() {
    throw new TypeError('plain failure');
  },
  async echo(error) {
    return error;
  },
  async callBack(onEvent) {
    try {
      await onEvent();
      return 'no error';
    } catch (error) {
      return error instanceof GuardError ? `caught ${error.code}: ${error.message}` : `caught other: ${String(error)}`;
    }
  },
};

let channels: MessageChannel[] = [];
function connect(): Remote<Api> {
  const channel = new MessageChannel();
  channels.push(channel);
  expose(api, channel.port1);
  return wrap<Api>(channel.port2);
}

afterEach(() => {
  for (const channel of channels) {
    channel.port1.close();
    channel.port2.close();
  }
  channels = [];
});

describe('GuardError across comlink', () => {
  it('a thrown GuardError arrives as a GuardError with code, message and details', async () => {
    const remote = connect();
    const error = await remote.fail('STORAGE_QUOTA').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardError);
    expect(error).toMatchObject({
      name: 'GuardError',
      code: 'STORAGE_QUOTA',
      message: 'failed with STORAGE_QUOTA',
      details: { row: 3, file: 'a.csv', quota: null },
    });
  });

  it('other thrown errors keep comlink behaviour (plain Error with name and message)', async () => {
    const remote = connect();
    const error = await remote.failPlain().catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(GuardError);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TypeError');
    expect((error as Error).message).toBe('plain failure');
  });

  it('a GuardError passed as an argument and returned comes back whole', async () => {
    const remote = connect();
    const back = await remote.echo(new GuardError('BAD_INPUT', 'row 2, column "prompt" is empty', { row: 2 }));
    expect(back).toBeInstanceOf(GuardError);
    expect(back.code).toBe('BAD_INPUT');
    expect(back.details).toEqual({ row: 2 });
  });

  it('a GuardError thrown by a page-side callback reaches the worker side typed', async () => {
    const remote = connect();
    const answer = await remote.callBack(
      proxy(() => {
        throw new GuardError('ABORTED', 'stopped by the page');
      }),
    );
    expect(answer).toBe('caught ABORTED: stopped by the page');
  });

  it('registering twice is harmless', async () => {
    registerGuardErrorTransfer();
    const error = await connect().fail('CONTEXT_OVERFLOW').catch((e: unknown) => e);
    expect((error as GuardError).code).toBe('CONTEXT_OVERFLOW');
  });
});
