import { useEffect, useMemo, useState } from 'react';
import type { GuardErrorData } from '../../core/errors';
import type { Example } from '../../core/example';
import type { ClassifyOptions } from '../../core/result';
import { estimateStorage, type StorageInfo } from '../../store/quota';
import { ErrorNotice } from '../components/ErrorNotice';
import type { GuardContextValue } from '../guard/context';
import {
  contextCheck,
  deviceCheck,
  estimateTokens,
  longestPrompt,
  promptLengthOf,
  storageCheck,
  timeCheck,
  type CheckStatus,
  type PreflightCheck,
  type Trial,
} from './preflight';

const TRIAL_EXAMPLES = 3;
/** A guess at the size of one raw output before any has been seen (a verdict JSON). */
const OUTPUT_CHARS_GUESS = 120;

const STATUS_TEXT: Record<CheckStatus, string> = { ok: 'OK', warn: 'Warning', fail: 'Problem', unknown: 'Not known yet' };
const STATUS_ICON: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✕', unknown: '?' };

interface PreflightProps {
  guard: Pick<GuardContextValue, 'probe' | 'model' | 'entries' | 'check'>;
  examples: readonly Example[];
  options: ClassifyOptions | null;
  disabled: boolean;
}

/** The checks before a run, and a short trial on the first examples to measure speed and tokens. */
export function Preflight({ guard, examples, options, disabled }: PreflightProps) {
  const [storage, setStorage] = useState<StorageInfo | null>(null);
  const [trial, setTrial] = useState<Trial | null>(null);
  const [trialError, setTrialError] = useState<GuardErrorData | null>(null);
  const [trying, setTrying] = useState(false);

  useEffect(() => {
    let live = true;
    void estimateStorage().then((info) => live && setStorage(info));
    return () => {
      live = false;
    };
  }, []);

  const template = options?.policy.template ?? null;
  const nullText = options?.nullResponseText ?? '';
  useEffect(() => setTrial(null), [template, examples]);

  const checks = useMemo<PreflightCheck[]>(() => {
    const entry = guard.entries?.find((e) => e.id === guard.model?.spec.id);
    const list: PreflightCheck[] = [deviceCheck(guard.probe, guard.model, entry)];
    if (template !== null && options) {
      try {
        const lengthOf = promptLengthOf(template, nullText);
        const contextWindow = guard.model?.contextWindow;
        const ratio = estimateTokens(1_000_000, trial).tokens / 1_000_000;
        const limitChars = contextWindow === undefined ? Infinity : (contextWindow - options.settings.maxTokens) / ratio;
        const { longest, overLimit } = longestPrompt(examples, lengthOf, limitChars);
        list.push(contextCheck(longest, contextWindow, options.settings.maxTokens, trial, overLimit));
      } catch (error) {
        list.push({ id: 'context', title: 'Longest example fits the context window', status: 'fail', detail: error instanceof Error ? error.message : String(error) });
      }
    }
    list.push(storageCheck(storage, examples.length, OUTPUT_CHARS_GUESS));
    list.push(timeCheck(trial, examples.length));
    return list;
  }, [guard.probe, guard.model, guard.entries, template, nullText, options, examples, trial, storage]);

  const runTrial = async () => {
    if (!options || template === null) return;
    setTrying(true);
    setTrialError(null);
    try {
      const lengthOf = promptLengthOf(template, nullText);
      const sample = examples.slice(0, TRIAL_EXAMPLES);
      let promptTokens = 0;
      const started = performance.now();
      for (const example of sample) {
        const result = await guard.check({ prompt: example.prompt, ...(example.response === null ? {} : { response: example.response }) }, options);
        promptTokens += result.usage.promptTokens;
      }
      const ms = performance.now() - started;
      setTrial({ examples: sample.length, ms, promptTokens, promptChars: sample.reduce((sum, e) => sum + lengthOf(e), 0) });
    } catch (error) {
      const data = error as Partial<GuardErrorData>;
      setTrialError({ code: data.code ?? 'ENGINE_ERROR', message: data.message ?? String(error) });
    } finally {
      setTrying(false);
    }
  };

  return (
    <section className="preflight" aria-labelledby="preflight-heading">
      <h4 id="preflight-heading">Pre-flight</h4>
      <ul className="checks">
        {checks.map((check) => (
          <li key={check.id} className={`check check-${check.status}`}>
            <span className="check-icon" aria-hidden="true">
              {STATUS_ICON[check.status]}
            </span>
            <span>
              <strong>{check.title}</strong> <span className="visually-hidden">({STATUS_TEXT[check.status]})</span>
              <br />
              <span className="small">{check.detail}</span>
            </span>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" onClick={() => void runTrial()} disabled={disabled || trying || !guard.model || examples.length === 0}>
          {trying ? 'Trying…' : `Trial run on the first ${Math.min(TRIAL_EXAMPLES, examples.length)} examples`}
        </button>
        <span className="muted small">Measures time per example and tokens per character; the trial's results are not saved.</span>
      </div>
      {trialError && <ErrorNotice error={trialError} hideLinkTo="benchmark" />}
    </section>
  );
}
