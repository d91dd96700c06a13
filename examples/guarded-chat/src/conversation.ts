/** The conversation list. Every text goes in through textContent: nothing a user or model writes is read as HTML. */
import { toModeration, type GuardCheckResult } from 'roguard-web';

export type MessageState = 'checking' | 'sent' | 'blocked' | 'shown' | 'withheld' | 'failed';

export interface MessageView {
  setState(state: MessageState, note: string): void;
  /** Shows the text (answers are shown only once they passed the guard). */
  setText(text: string): void;
  /** Adds why the guard blocked it: the categories, or the reason when the check failed. */
  explain(result: GuardCheckResult, categories: Readonly<Record<string, string>>): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

export function addMessage(list: HTMLOListElement, role: 'user' | 'assistant', text: string): MessageView {
  const item = element('li', `message ${role}`);
  const who = element('span', 'who', role === 'user' ? 'You' : 'Chat model');
  const body = element('p', 'text', text);
  const state = element('p', 'state');
  item.append(who, body, state);
  list.append(item);
  item.scrollIntoView({ block: 'end' });
  return {
    setState(next, note) {
      item.dataset.state = next;
      state.textContent = note;
    },
    setText(value) {
      body.textContent = value;
    },
    explain(result, categories) {
      const why = result.categories.length > 0 ? `Categories: ${result.categories.map((c) => c.name).join(', ')}` : (result.reason ?? 'Flagged, no category named.');
      item.append(element('p', 'why', why));
      const details = element('details', 'moderation');
      details.append(element('summary', '', 'As an OpenAI moderation result'), element('pre', '', JSON.stringify(toModeration(result, categories), null, 2)));
      item.append(details);
    },
  };
}
