import type { StoredCompletion } from '@/api/types.ts';

/** One line that says what the model answered: its text, a refusal, or the tools it called. */
export function answerPreview(completion: StoredCompletion): string {
  const choice = completion.choices[0];
  if (!choice) return '(no answer stored)';
  if (!choice.message.ok) return '(unreadable answer)';
  const { message } = choice.message;
  const text =
    message.content ??
    message.contentParts?.map((part) => ('text' in part ? part.text : '')).join(' ') ??
    '';
  const firstLine = text
    .split('\n')
    // A preview is plain text: drop the markdown that starts a line (headings, lists, quotes).
    .map((line) =>
      line
        .replace(/^\s*(#{1,6}\s+|[-*+>]\s+|\d+\.\s+)/, '')
        .replace(/\*\*/g, '')
        .trim(),
    )
    .find((line) => line !== '');
  if (firstLine) return firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine;
  if (message.refusal) return `Refused: ${message.refusal.split('\n')[0] ?? ''}`;
  if (message.toolCalls.length > 0) {
    const names = message.toolCalls.map(
      (call) => call.function?.name ?? call.custom?.name ?? call.type,
    );
    return `Calls ${names.join(', ')}`;
  }
  return '(empty answer)';
}
