/**
 * DEMO_IDS.toolPages: tool traffic spread over pages of 100 messages, for the call ⇄ result
 * jumps. A tool call in message TOOL_PAGES.call whose result is in message TOOL_PAGES.result
 * (two pages later), a legacy `function_call` with its `role: "function"` result, and a tool call
 * that has no result stored at all; ordinary filler between.
 */
import {
  answer,
  assistant,
  functionCall,
  system,
  tool,
  user,
  type DraftMessage,
} from './builders.ts';
import type { Rng } from './prng.ts';
import type { SpecialConversation } from './special.ts';
import { paragraph, sentence } from './text.ts';

/** Where things are (message indexes; ids are `<completion_id>-<index>`). */
export const TOOL_PAGES = {
  call: 90,
  result: 230,
  callId: 'call_Rp9TfQ2wLx7NcV4kHb8ZmJ3d',
  legacyCall: 233,
  legacyResult: 235,
  legacyName: 'get_stock_price',
  unanswered: 236,
  unansweredCallId: 'call_Nz5QeW8rTy1UiO4pAs7DfG0h',
  count: 240,
} as const;

export function toolPagesConversation(rng: Rng): SpecialConversation {
  const drafts: DraftMessage[] = [
    system('You are a finance research assistant. Use the tools; quote figures exactly.'),
    user('Pull the Q3 revenue report, then walk me through it while it loads.', 'dana'),
  ];
  const filler = (until: number) => {
    while (drafts.length < until) {
      drafts.push(
        drafts.length % 2 === 0
          ? user(`(${drafts.length}) ${sentence(rng)}`)
          : assistant(paragraph(rng, 1, 2)),
      );
    }
  };
  filler(TOOL_PAGES.call);
  drafts.push(
    assistant('Fetching the report; it is large, so it may take a while.', [
      functionCall(
        TOOL_PAGES.callId,
        'fetch_report',
        JSON.stringify({ report: 'q3-revenue', format: 'csv', region: 'emea' }),
      ),
    ]),
  );
  filler(TOOL_PAGES.result);
  drafts.push(
    tool(
      TOOL_PAGES.callId,
      JSON.stringify({ report: 'q3-revenue', rows: 1204, total_eur: 48_213_990, status: 'ok' }),
    ),
  );
  drafts.push(assistant('The report is in: 1,204 rows, EUR 48.2M in total.'));
  drafts.push(user('And the share price, with the old pricing plugin please.', 'dana'));
  // The legacy shape: `function_call` on the assistant message, the result as role "function".
  const legacyCall = {
    ...assistant(null),
    function_call: { name: TOOL_PAGES.legacyName, arguments: '{"ticker":"ACME"}' },
  };
  drafts.push(legacyCall);
  drafts.push(user('(while that runs) Is it the closing price?', 'dana'));
  drafts.push({
    role: 'function',
    name: TOOL_PAGES.legacyName,
    content: JSON.stringify({ ticker: 'ACME', price: 123.45, currency: 'USD', close: true }),
    refusal: null,
    content_parts: null,
  });
  // A call whose result was never stored.
  drafts.push(
    assistant(null, [
      functionCall(
        TOOL_PAGES.unansweredCallId,
        'notify_team',
        JSON.stringify({ channel: '#finance', text: 'Q3 report pulled' }),
      ),
    ]),
  );
  drafts.push(assistant('ACME closed at 123.45 USD.'));
  drafts.push(user('Skip the team notification.', 'dana'));
  drafts.push(user('Summarize everything in one line.', 'dana'));
  if (drafts.length !== TOOL_PAGES.count) throw new Error('toolPagesConversation: layout drifted');
  return {
    model: 'gpt-4.1',
    drafts,
    choices: [
      answer('Q3: EUR 48.2M over 1,204 rows; ACME closed at 123.45 USD; no team notification.'),
    ],
  };
}
