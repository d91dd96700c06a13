import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { GuardError } from '../../core/errors';
import type { ClassifyResult, Policy } from '../../core/result';
import { ErrorNotice } from '../components/ErrorNotice';
import { ModelStatus } from '../components/ModelStatus';
import { useGuard } from '../guard/context';
import { browserStorage } from '../guard/persisted';
import { toGuardError } from '../guard/to-guard-error';
import { CheckResultView } from './CheckResultView';
import { CustomPolicyEditor } from './CustomPolicyEditor';
import { addToHistory, clearHistory, loadHistory, saveHistory, type HistoryEntry } from './history';
import { HistoryList } from './HistoryList';
import { CUSTOM_POLICY_ID, PolicyPicker } from './PolicyPicker';
import { useCheckPolicy } from './useCheckPolicy';
import { categoryViews, verdictBadges } from './verdict-view';

interface Outcome {
  result: ClassifyResult;
  policy: Policy;
  policyLabel: string;
  modelId: string;
}

/** A sentence for screen readers when a verdict arrives. */
function announce({ result, policy }: Outcome): string {
  const sides = verdictBadges(result.verdict, policy).map((badge) => `${badge.subject}: ${badge.status}`);
  const names = categoryViews(result.verdict.categories, policy.categories).map((c) => c.name);
  return `${sides.join('. ')}.${names.length ? ` Categories: ${names.join(', ')}.` : ''}`;
}

/** The landing page: paste a prompt (and a response), pick a policy, see the verdict. */
export function CheckPage() {
  const id = useId();
  const guard = useGuard();
  const policyState = useCheckPolicy();
  const [prompt, setPrompt] = useState('');
  const [response, setResponse] = useState('');
  const [promptError, setPromptError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<GuardError | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>(() => loadHistory(browserStorage()));
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const { policy, policyLabel, policyId } = policyState;

  async function runCheck() {
    if (running) return;
    if (prompt.trim() === '') {
      setPromptError('Write or paste a prompt to check.');
      promptRef.current?.focus();
      return;
    }
    if (!policy) return;
    setPromptError(null);
    setError(null);
    setRunning(true);
    try {
      const modelId = guard.model?.spec.id ?? '';
      const result = await guard.check(
        { prompt, response: response === '' ? null : response },
        {
          policy,
          extraction: 'robust',
          settings: { maxTokens: policyState.maxTokens, temperature: 0, topP: 1 },
          nullResponseText: '',
          earlyStop: true,
          score: true,
        },
      );
      const done = { result, policy, policyLabel, modelId };
      setOutcome(done);
      const entry: HistoryEntry = {
        id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
        at: Date.now(),
        prompt,
        response: response === '' ? null : response,
        policyId,
        policyLabel,
        modelId,
        status: result.verdict.status,
        categories: categoryViews(result.verdict.categories, policy.categories).map((c) => c.name),
        score: result.score,
      };
      setHistory((current) => {
        const next = addToHistory(current, entry);
        saveHistory(browserStorage(), next);
        return next;
      });
    } catch (caught) {
      setError(toGuardError(caught));
    } finally {
      setRunning(false);
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void runCheck();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void runCheck();
    }
  };
  const useEntry = (entry: HistoryEntry) => {
    setPrompt(entry.prompt);
    setResponse(entry.response ?? '');
    if (entry.policyId === CUSTOM_POLICY_ID || policyState.list.options.some((o) => o.id === entry.policyId)) {
      policyState.select(entry.policyId);
    }
    promptRef.current?.focus();
  };
  const onClearHistory = () => {
    clearHistory(browserStorage());
    setHistory([]);
  };

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h2 id="page-title" tabIndex={-1}>
          Check a prompt
        </h2>
        <p>Paste what a user wrote and, if you like, what the AI answered. The guard says whether either breaks the policy.</p>
      </div>
      <div className="grid-2">
        <div>
          <form className="panel stack" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-describedby={`${id}-shortcut`}>
            <div className="field">
              <label htmlFor={`${id}-prompt`}>Prompt</label>
              <textarea
                id={`${id}-prompt`}
                ref={promptRef}
                rows={5}
                value={prompt}
                placeholder="What the user wrote"
                aria-invalid={promptError ? true : undefined}
                aria-describedby={promptError ? `${id}-prompt-error` : undefined}
                onChange={(event) => setPrompt(event.target.value)}
              />
              {promptError && (
                <p className="field-error" id={`${id}-prompt-error`}>
                  {promptError}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor={`${id}-response`}>
                Response <span className="muted small">(optional)</span>
              </label>
              <textarea
                id={`${id}-response`}
                rows={4}
                value={response}
                placeholder="What the AI answered; leave empty to judge the prompt alone"
                onChange={(event) => setResponse(event.target.value)}
              />
            </div>
            <PolicyPicker
              options={policyState.list.options}
              problems={policyState.list.problems}
              value={policyId}
              onChange={policyState.select}
            />
            {policyId === CUSTOM_POLICY_ID && (
              <CustomPolicyEditor
                draft={policyState.draft}
                check={policyState.customCheck}
                onChange={policyState.setDraft}
                onReset={policyState.resetDraft}
              />
            )}
            <ModelStatus />
            <div className="row">
              <button type="submit" className="primary" disabled={running || !policy}>
                {running ? 'Checking…' : 'Check'}
              </button>
              {running && (
                <button type="button" onClick={() => void guard.api?.abort()}>
                  Stop
                </button>
              )}
              <span className="muted small" id={`${id}-shortcut`}>
                or press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd> on a Mac)
              </span>
            </div>
            {error && <ErrorNotice error={error} />}
          </form>
        </div>
        <div>
          <div className="visually-hidden" aria-live="polite" role="status">
            {running ? 'Checking…' : outcome ? announce(outcome) : ''}
          </div>
          {outcome ? (
            <CheckResultView {...outcome} />
          ) : (
            <section className="panel result-empty">
              <h3>Result</h3>
              <p className="muted">The verdict for the prompt and the response appears here.</p>
            </section>
          )}
          <HistoryList history={history} onUse={useEntry} onClear={onClearHistory} />
        </div>
      </div>
    </section>
  );
}
