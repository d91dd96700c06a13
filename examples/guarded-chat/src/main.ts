/**
 * A chat screened by two guards on one model: one checks what the user types before the chat model
 * gets it, one checks the chat model's answer before it is shown. Both share one worker and one load.
 */
import { createGuard, type Progress } from 'roguard-web';
import { addMessage } from './conversation';
import { askChatModel } from './echo-model';
import { modelOptions } from './settings';

const status = document.querySelector<HTMLParagraphElement>('#guard-status')!;
const conversation = document.querySelector<HTMLOListElement>('#conversation')!;
const form = document.querySelector<HTMLFormElement>('#composer')!;
const input = document.querySelector<HTMLTextAreaElement>('#message')!;

const model = modelOptions(location.search);
const showProgress = (progress: Progress) => (status.textContent = `Loading the guard: ${progress.text}`);
const inputGuard = createGuard({ ...model, config: 'aegis', onProgress: showProgress });
const outputGuard = createGuard({ ...model, config: 'aegis2_response' });

inputGuard.ready.then(
  () => (status.textContent = `Guard ready (${model.model}).`),
  (error: Error) => (status.textContent = `The guard could not load: ${error.message} Messages are blocked until it works (fail closed).`),
);

async function send(text: string): Promise<void> {
  const mine = addMessage(conversation, 'user', text);
  mine.setState('checking', 'Checking…');
  const verdict = await inputGuard.check({ prompt: text });
  if (verdict.flagged) {
    mine.setState('blocked', 'Blocked: not sent to the chat model.');
    mine.explain(verdict, inputGuard.categories);
    return;
  }
  mine.setState('sent', 'Sent.');
  const reply = addMessage(conversation, 'assistant', '');
  reply.setState('checking', 'Checking the answer…');
  const answer = await askChatModel(text);
  const review = await outputGuard.check({ prompt: text, response: answer });
  if (review.flagged) {
    reply.setState('withheld', 'Answer withheld: the guard flagged it.');
    reply.explain(review, outputGuard.categories);
    return;
  }
  reply.setText(answer);
  reply.setState('shown', '');
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (text === '') return;
  input.value = '';
  send(text).catch((error: unknown) => {
    const failed = addMessage(conversation, 'assistant', '');
    failed.setState('failed', `Something went wrong: ${error instanceof Error ? error.message : String(error)}`);
  });
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});

window.addEventListener('pagehide', () => {
  inputGuard.dispose();
  outputGuard.dispose();
});
