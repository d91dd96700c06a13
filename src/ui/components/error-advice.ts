/** What a person can do next about each kind of error, beyond the error's own message. */
import type { GuardErrorCode } from '../../core/errors';
import type { PageId } from '../shell/route';

export interface ErrorAdvice {
  title: string;
  /** One sentence on what to try next. */
  next: string;
  /** A page that helps, linked from the notice. */
  page?: PageId;
}

const ADVICE: Record<GuardErrorCode, ErrorAdvice> = {
  WEBGPU_UNAVAILABLE: {
    title: 'WebGPU is not available',
    next: 'Switch the engine to CPU (wllama) on the Models page, or open the app in a browser with WebGPU enabled.',
    page: 'models',
  },
  SHADER_F16_UNSUPPORTED: {
    title: 'This GPU lacks 16-bit shaders',
    next: 'Load the q4f32_1 build of the model instead; the Models page picks it when shader-f16 is missing.',
    page: 'models',
  },
  MODEL_LOAD_FAILED: {
    title: 'The model did not load',
    next: 'Check the weights URL on the Models page, then load again.',
    page: 'models',
  },
  MODEL_NOT_FOUND: {
    title: 'Unknown model',
    next: 'Pick a model from the list on the Models page.',
    page: 'models',
  },
  DOWNLOAD_FAILED: {
    title: 'The download failed',
    next: 'Check your connection and the weights URL, then load again; finished files are kept.',
    page: 'models',
  },
  DEVICE_LOST: {
    title: 'The GPU was lost',
    next: 'Load the model again; if it keeps happening, close other GPU-heavy tabs or pick a smaller model.',
    page: 'models',
  },
  CONTEXT_OVERFLOW: {
    title: 'The text is too long for the model',
    next: 'Shorten the prompt or response, or load the model with a larger context window.',
  },
  UNPARSED_OUTPUT: {
    title: 'The verdict could not be read',
    next: 'Look at the raw output below; a clearer template may help the model answer in the asked format.',
  },
  ENGINE_UNREACHABLE: {
    title: 'The inference server cannot be reached',
    next: 'Check that the server is running and its URL is right.',
    page: 'models',
  },
  ENGINE_ERROR: { title: 'The engine reported an error', next: 'Try again; if it repeats, reload the model.', page: 'models' },
  NOT_LOADED: { title: 'No model is loaded', next: 'Load a model on the Models page first.', page: 'models' },
  ABORTED: { title: 'Cancelled', next: 'Start again when you are ready.' },
  STORAGE_QUOTA: {
    title: 'Not enough storage',
    next: 'Free space by deleting cached models on the Models page, or allow this site more storage.',
    page: 'models',
  },
  BAD_CONFIG: { title: 'The config is not valid', next: 'Fix the field named in the message and try again.' },
  BAD_TEMPLATE: { title: 'The template is not valid', next: 'Fix the template at the line and column given.' },
  BAD_INPUT: { title: 'The input is not valid', next: 'Fix the value named in the message and try again.' },
};

/** Advice for a code; unknown codes (a newer worker) get a generic line. */
export function adviceFor(code: string): ErrorAdvice {
  return ADVICE[code as GuardErrorCode] ?? { title: 'Something went wrong', next: 'Try again; reload the page if it repeats.' };
}
