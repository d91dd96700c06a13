/**
 * The chat model of this example: a tiny built-in echo bot, so the example runs with no second model
 * and no server. Put your real chat model (an API call, WebLLM, …) here.
 */
export async function askChatModel(message: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 150));
  return `You said: "${message}". I am an echo bot, so that is all I can tell you.`;
}
