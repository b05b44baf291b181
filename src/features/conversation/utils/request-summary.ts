import type { CompletionRequest, Json } from '@/api/types.ts';

/** Strings that read the same written plainly: no control characters, no edge spaces. */
const PLAIN = /^[^\p{Cc}\p{Zl}\p{Zp}]+$/u;

/**
 * A setting as the Request section writes it: a plain string as it is (`auto`, `high`), anything
 * else as compact JSON (numbers, booleans, `["\n"]`, a wrong type as the JSON it is), cut at
 * `max` characters.
 */
export function settingText(value: Json | undefined, max = 200): string {
  let text: string;
  if (typeof value === 'string') {
    // Cut before quoting: a megabyte string is never copied whole.
    const head = value.length > max ? value.slice(0, max + 1) : value;
    text = PLAIN.test(head) && head.trim() === head ? head : JSON.stringify(head);
  } else {
    text = JSON.stringify(value ?? null);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export interface SummaryItem {
  key: string;
  value: string;
}

/** Settings worth a place on the Request section's one line, when present. */
const KEY_SETTINGS = ['temperature', 'top_p', 'seed', 'reasoning_effort'];

/**
 * The one line the Request section shows collapsed: the key sampling settings, the tools (how
 * many, and the choice among them), the response format and a predicted output, when set.
 */
export function requestSummary(request: CompletionRequest): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const setting of request.settings) {
    if (KEY_SETTINGS.includes(setting.key)) {
      items.push({ key: setting.key, value: settingText(setting.exact ?? setting.value, 40) });
    }
  }
  if (request.tools.length > 0) {
    items.push({ key: 'tools', value: String(request.tools.length) });
  }
  if (request.toolChoice !== undefined) {
    items.push({ key: 'tool_choice', value: settingText(request.toolChoice, 40) });
  }
  const format = request.responseFormat;
  if (format) {
    const type = format.type == null ? '(no type)' : settingText(format.type, 40);
    items.push({
      key: 'response_format',
      value: format.name == null ? type : `${type} ${settingText(format.name, 40)}`,
    });
  }
  if (request.prediction !== undefined) {
    const type =
      typeof request.prediction === 'object' &&
      request.prediction !== null &&
      !Array.isArray(request.prediction) &&
      typeof request.prediction.type === 'string'
        ? request.prediction.type
        : null;
    items.push({ key: 'prediction', value: settingText(type ?? request.prediction, 40) });
  }
  return items;
}
