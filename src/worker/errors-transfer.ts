/**
 * Carries `GuardError` across the comlink boundary with its `code` and `details`.
 * Comlink's own "throw" handler keeps only name/message/stack of a thrown error, so a rejected call
 * would reach the page as a plain `Error`. Register on both sides (worker and page).
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { GuardError, isGuardError, type GuardErrorData } from '../core/errors';

type WireGuardError = { guardError: GuardErrorData };

function isWireGuardError(value: unknown): value is WireGuardError {
  return typeof value === 'object' && value !== null && 'guardError' in value;
}

function toData(error: GuardError): GuardErrorData {
  return typeof error.toData === 'function' ? error.toData() : { code: error.code, message: error.message, details: error.details };
}

/** A GuardError passed as an argument or returned as a value. */
const valueHandler: TransferHandler<GuardError, GuardErrorData> = {
  canHandle: (value): value is GuardError => isGuardError(value),
  serialize: (error) => [toData(error), []],
  deserialize: (data) => GuardError.fromData(data),
};

let registered = false;

/** Installs the handlers once per realm (worker or page); later calls do nothing. */
export function registerGuardErrorTransfer(): void {
  if (registered) return;
  registered = true;
  transferHandlers.set('guard-error', valueHandler as TransferHandler<unknown, unknown>);
  const builtin = transferHandlers.get('throw');
  if (!builtin) throw new Error('comlink has no "throw" transfer handler; the GuardError handler needs it');
  // Wraps comlink's own handler: a thrown GuardError travels as data, anything else as before.
  transferHandlers.set('throw', {
    canHandle: (value): value is unknown => builtin.canHandle(value),
    serialize(thrown) {
      const { value } = thrown as { value: unknown };
      if (isGuardError(value)) return [{ guardError: toData(value) } satisfies WireGuardError, []];
      return builtin.serialize(thrown);
    },
    deserialize(wire) {
      if (isWireGuardError(wire)) throw GuardError.fromData(wire.guardError);
      return builtin.deserialize(wire);
    },
  });
}
