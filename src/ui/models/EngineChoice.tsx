import { useId } from 'react';
import { useGuard } from '../guard/context';
import type { EngineChoice as Choice } from '../guard/settings';

const CHOICES: { value: Choice; label: string; hint: string }[] = [
  { value: 'webgpu', label: 'WebGPU (WebLLM)', hint: 'Fast: runs the 4-bit MLC build on your GPU.' },
  { value: 'cpu', label: 'CPU (wllama)', hint: 'Works everywhere: runs the GGUF build in WebAssembly, much slower.' },
];

/** WebGPU or CPU; without WebGPU the CPU engine is the default and WebGPU is marked unavailable. */
export function EngineChoice() {
  const id = useId();
  const { engine, probe, probeError, settings, updateSettings } = useGuard();
  // Until the probe answers, the automatic choice is unknown: show none rather than one that flips.
  const decided = settings.engine !== null || probe !== null || probeError !== null;
  return (
    <fieldset className="engine-choice">
      <legend>Engine</legend>
      {CHOICES.map((choice) => {
        const unavailable = choice.value === 'webgpu' && probe !== null && !probe.webgpu;
        return (
          <div key={choice.value} className="radio">
            <input
              type="radio"
              id={`${id}-${choice.value}`}
              name={`${id}-engine`}
              value={choice.value}
              checked={decided && engine === choice.value}
              onChange={() => updateSettings({ engine: choice.value, modelId: null })}
              aria-describedby={`${id}-${choice.value}-hint`}
            />
            <label htmlFor={`${id}-${choice.value}`}>{choice.label}</label>
            <p className="field-hint" id={`${id}-${choice.value}-hint`}>
              {choice.hint}
              {unavailable && ' Not available in this browser.'}
            </p>
          </div>
        );
      })}
      {settings.engine === null && (
        <p className="field-hint">{decided ? 'Chosen for you from the device check; pick one to keep it.' : 'Checking the device…'}</p>
      )}
    </fieldset>
  );
}
