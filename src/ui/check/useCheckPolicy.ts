import { useMemo, useState } from 'react';
import type { Policy } from '../../core/result';
import { browserStorage } from '../guard/persisted';
import { loadDraft, loadPolicyId, saveDraft, savePolicyId } from './check-prefs';
import { checkCustomPolicy, draftFromPolicy, type CustomPolicyCheck, type CustomPolicyDraft } from './custom-policy';
import { CUSTOM_POLICY_ID } from './PolicyPicker';
import { DEFAULT_POLICY_ID, type PolicyList, type PolicyOption } from './policies';
import { shippedPolicies } from './policy-sources';

const EMPTY_DRAFT: CustomPolicyDraft = {
  template: 'Is the user message below unsafe?\n\nUser: {prompt}\nAgent: {response}\n\nAnswer with only {{"Verdict": "safe" or "unsafe"}}.\nOutput JSON:',
  outputField: 'Verdict',
  flaggedValue: 'unsafe',
  taxonomy: '',
};

export interface CheckPolicyState {
  list: PolicyList;
  /** A config file name or `custom`. */
  policyId: string;
  select(id: string): void;
  /** The shipped option in use, or the one the custom draft started from. */
  option: PolicyOption | undefined;
  draft: CustomPolicyDraft;
  setDraft(draft: CustomPolicyDraft): void;
  resetDraft(): void;
  customCheck: CustomPolicyCheck;
  /** The policy a check uses now; null while the custom draft has errors. */
  policy: Policy | null;
  policyLabel: string;
  maxTokens: number;
}

/** The policy picked on the Check page, the custom draft and its live validation, all remembered. */
export function useCheckPolicy(): CheckPolicyState {
  const list = useMemo(() => shippedPolicies(), []);
  const fallbackId = list.options.find((o) => o.id === DEFAULT_POLICY_ID)?.id ?? list.options[0]?.id ?? CUSTOM_POLICY_ID;
  const [policyId, setPolicyId] = useState(() => {
    const saved = loadPolicyId(browserStorage());
    return saved && (saved === CUSTOM_POLICY_ID || list.options.some((o) => o.id === saved)) ? saved : fallbackId;
  });
  const [baseId, setBaseId] = useState(policyId === CUSTOM_POLICY_ID ? fallbackId : policyId);
  const base = list.options.find((o) => o.id === baseId);
  const [draft, setDraftState] = useState<CustomPolicyDraft>(
    () => loadDraft(browserStorage()) ?? (base ? draftFromPolicy(base.policy) : EMPTY_DRAFT),
  );
  const customCheck = useMemo(() => checkCustomPolicy(draft), [draft]);

  const select = (id: string) => {
    setPolicyId(id);
    savePolicyId(browserStorage(), id);
    if (id !== CUSTOM_POLICY_ID) setBaseId(id);
  };
  const setDraft = (next: CustomPolicyDraft) => {
    setDraftState(next);
    saveDraft(browserStorage(), next);
  };
  const resetDraft = () => setDraft(base ? draftFromPolicy(base.policy) : EMPTY_DRAFT);

  const custom = policyId === CUSTOM_POLICY_ID;
  const option = custom ? undefined : list.options.find((o) => o.id === policyId);
  return {
    list,
    policyId,
    select,
    option: option ?? base,
    draft,
    setDraft,
    resetDraft,
    customCheck,
    policy: custom ? customCheck.policy : (option?.policy ?? null),
    policyLabel: custom ? 'Custom policy' : (option?.label ?? ''),
    maxTokens: option?.maxTokens ?? base?.maxTokens ?? 100,
  };
}
