/** The Check page's remembered choices: the policy and the custom policy draft. */
import { isRecord, readPersisted, stringOr, writePersisted, type KeyValueStorage } from '../guard/persisted';
import type { CustomPolicyDraft } from './custom-policy';

const POLICY_KEY = 'roguard.check-policy.v1';
const DRAFT_KEY = 'roguard.custom-policy.v1';

export function loadPolicyId(storage: KeyValueStorage | null): string | null {
  return readPersisted(storage, POLICY_KEY, (raw) => (typeof raw === 'string' && raw !== '' ? raw : null));
}

export function savePolicyId(storage: KeyValueStorage | null, id: string): void {
  writePersisted(storage, POLICY_KEY, id);
}

export function loadDraft(storage: KeyValueStorage | null): CustomPolicyDraft | null {
  return readPersisted(storage, DRAFT_KEY, (raw) =>
    isRecord(raw)
      ? {
          template: stringOr(raw.template, ''),
          outputField: stringOr(raw.outputField, ''),
          flaggedValue: stringOr(raw.flaggedValue, ''),
          taxonomy: stringOr(raw.taxonomy, ''),
        }
      : null,
  );
}

export function saveDraft(storage: KeyValueStorage | null, draft: CustomPolicyDraft): void {
  writePersisted(storage, DRAFT_KEY, draft);
}
