/**
 * Text material for the demo conversations: plain sentences, markdown with code and tables,
 * RTL (Arabic/Hebrew) snippets and emoji. Generators take an Rng so output stays deterministic.
 */
import type { Rng } from './prng.ts';

export const SENTENCES = [
  'The nightly export finished in 14 minutes, about twice as fast as last week.',
  'Can you double-check whether the retry logic backs off exponentially?',
  'Most of the latency comes from the cold start of the worker pool.',
  'We should keep the public API stable and add the new field as optional.',
  'The invoice total does not match the sum of the line items by 0.02 EUR.',
  'I think the cache key is missing the locale, so users see stale translations.',
  'Please summarize the customer feedback from the last sprint in three bullet points.',
  'The migration adds a nullable column first and backfills it in batches of 5,000 rows.',
  'Our p95 latency went from 480 ms to 210 ms after enabling HTTP keep-alive.',
  'The design review flagged the colour contrast of the secondary buttons.',
  'Shipping to Norway requires an extra customs form for orders above 3,000 NOK.',
  'The flaky test depends on the order in which the mock promises resolve.',
  'Let me know if the tone of this email sounds too formal for a first contact.',
  'Stored completions can be filtered by model and by metadata key/value pairs.',
  'The onboarding checklist has eleven steps; three of them can be automated.',
  'Rate limits are applied per organization and per project, not per key.',
  'The chart should start the y-axis at zero, otherwise the drop looks dramatic.',
  'A binary search over the sorted timestamps finds the cursor position in O(log n).',
  'The contract says the supplier must give 30 days notice before a price change.',
  'Users on slow connections abandon the checkout when the page takes over 4 seconds.',
  'The translation memory already contains 12,400 approved segments.',
  'We could stream the response to show the first tokens sooner.',
  'The warehouse in Lyon reports 37 units of SKU 88-1042 in stock.',
  'I rewrote the paragraph to avoid the passive voice where possible.',
  'This refactor splits the 900-line module into five files by concern.',
  'The heat pump draws about 1.8 kW at an outside temperature of -5 °C.',
  'Our support queue peaked at 212 open tickets on Monday morning.',
  'Keep the answer under 120 words and end with a concrete next step.',
  'The recipe needs 250 g of flour, 3 eggs and a pinch of salt.',
  'The SDK pages through results with the id of the last item as the cursor.',
  'Accessibility: every image in the gallery needs a meaningful alt text.',
  'The lease ends on 31 March, and the deposit is two months of rent.',
  'Weekly active users grew 6.5% while session length stayed flat.',
  'That error usually means the JSON body was truncated by a proxy.',
  'Compare both offers on total cost of ownership over three years.',
  'The hiking trail is 14 km long with 820 m of elevation gain.',
] as const;

export const USER_QUESTIONS = [
  'How do I paginate through all stored chat completions with the Node SDK?',
  'Write a short, friendly reply to a customer asking about a late delivery.',
  'Explain the difference between a mutex and a semaphore with an example.',
  'Summarize this meeting transcript in five bullet points.',
  'What is a good name for a weekly newsletter about data engineering?',
  'Can you translate "see you next week" into French, German and Japanese?',
  'Why does my React component render twice in development?',
  'Draft a SQL query that returns the top 10 customers by revenue this quarter.',
  'Give me three ideas for a team offsite in early spring.',
  'Is it safe to store the API key in localStorage?',
  'Proofread this paragraph and keep the meaning unchanged.',
  'What does HTTP 429 mean and how should a client react?',
  'Turn these notes into a polite follow-up email.',
  'Classify this ticket as billing, bug, feature request or other.',
  'How many tokens is roughly one page of English text?',
  'Suggest a regex that matches ISO 8601 dates.',
  'Plan a 3-day trip to Lisbon on a moderate budget.',
  'Explain cursor-based pagination to a junior developer.',
  'Rewrite this error message so it tells the user what to do next.',
  'What are the trade-offs of server-side rendering?',
] as const;

export const SYSTEM_PROMPTS = [
  'You are a helpful assistant. Answer concisely.',
  'You are Acme Support, a friendly customer-support agent. Never promise refunds; escalate instead.',
  'You are a senior software engineer reviewing pull requests. Be specific and kind.',
  'You are a translation engine. Reply only with the translation.',
  'You classify incoming tickets. Reply with one of: billing, bug, feature_request, other.',
  'You are a careful data analyst. Show your reasoning briefly, then the answer.',
  'You write marketing copy in a warm, plain style. No buzzwords.',
] as const;

export const DEVELOPER_PROMPTS = [
  'Use Markdown. Prefer tables for comparisons. Keep code blocks under 40 lines.',
  'The user is on the Pro plan. Today is 2026-10-14. Respond in the language of the user.',
  'Tools are available; call them instead of guessing live data.',
  'Formatting: plain text only, no Markdown, max 3 short paragraphs.',
] as const;

/** Valid OpenAI `name` values (pattern ^[a-zA-Z0-9_-]+$). */
export const USER_NAMES = ['alice', 'bob_smith', 'carol-92', 'dmitri', 'eve_ops', 'fatima', 'gus'];

export const CUSTOMERS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark-industries'];
export const ENVS = ['prod', 'staging', 'dev'];
export const FEATURES = [
  'support-bot',
  'summarizer',
  'code-review',
  'search',
  'onboarding',
  'translate',
];

export const CODE_BLOCKS = [
  '```ts\nimport OpenAI from "openai";\n\nconst client = new OpenAI();\n\nfor await (const completion of client.chat.completions.list({ limit: 100 })) {\n  console.log(completion.id, completion.model);\n}\n```',
  '```python\nfrom openai import OpenAI\n\nclient = OpenAI()\nfor c in client.chat.completions.list(metadata={"env": "prod"}):\n    print(c.id, c.created)\n```',
  "```sql\nSELECT customer_id, SUM(amount) AS revenue\nFROM orders\nWHERE created_at >= date_trunc('quarter', now())\nGROUP BY customer_id\nORDER BY revenue DESC\nLIMIT 10;\n```",
  '```bash\ncurl https://api.openai.com/v1/chat/completions?limit=2 \\\n  -H "Authorization: Bearer $OPENAI_API_KEY"\n```',
  '```json\n{\n  "object": "list",\n  "data": [],\n  "first_id": null,\n  "last_id": null,\n  "has_more": false\n}\n```',
  '```\nplain fenced block without a language\n    indented line\n\ttab-indented line\n```',
  '```tsx\nexport function Badge({ label }: { label: string }) {\n  return <span className="rounded bg-slate-100 px-2">{label}</span>;\n}\n```',
] as const;

export const TABLES = [
  '| Model | Context | Input $/1M | Output $/1M |\n|---|---:|---:|---:|\n| gpt-4o | 128k | 2.50 | 10.00 |\n| gpt-4o-mini | 128k | 0.15 | 0.60 |\n| gpt-4.1 | 1M | 2.00 | 8.00 |\n| o4-mini | 200k | 1.10 | 4.40 |',
  '| Step | Owner | Status |\n|:---|:---:|---|\n| Draft spec | Alice | ✅ done |\n| Review | Bob | ⏳ in progress |\n| Ship | Carol | ❌ blocked |',
  '| Option | Pros | Cons |\n|---|---|---|\n| Offset pagination | simple | slow on deep pages, unstable under inserts |\n| Cursor pagination | stable, fast | no random access |',
] as const;

export const EMOJI = ['🚀', '✅', '🔥', '🙂', '🎉', '📦', '⚠️', '👍🏽', '🇯🇵', '👩‍💻', '🧪', '☕'];

export const RTL_SNIPPETS = [
  'مرحبا! هل يمكنك مساعدتي في ترجمة هذه الرسالة إلى الإنجليزية؟',
  'شكراً جزيلاً، الترجمة ممتازة. هل يمكنك جعلها أكثر رسمية قليلاً؟',
  'الطلب رقم 4821 لم يصل بعد، وقد مرّ أسبوعان على موعد التسليم.',
  'שלום! אני צריך עזרה בכתיבת מייל ללקוח על עיכוב במשלוח.',
  'תודה רבה 🙏 אפשר לקצר את זה לשלוש שורות?',
  'הפגישה נדחתה ליום חמישי בשעה 14:30.',
] as const;

export function sentence(rng: Rng): string {
  return rng.pick(SENTENCES);
}

/** 2–6 sentences. */
export function paragraph(rng: Rng, min = 2, max = 6): string {
  const n = rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rng));
  return out.join(' ');
}

export function paragraphs(rng: Rng, min: number, max: number): string {
  const n = rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(paragraph(rng));
  return out.join('\n\n');
}

/** A markdown answer with a heading, a list, a code block and maybe a table. */
export function markdownAnswer(rng: Rng): string {
  const parts = [
    `## ${rng.pick(['Summary', 'Answer', 'How it works', 'Next steps'])}`,
    paragraph(rng, 1, 3),
    ['- ' + sentence(rng), '- ' + sentence(rng), '- `inline code` and **bold** text'].join('\n'),
    rng.pick(CODE_BLOCKS),
  ];
  if (rng.chance(0.5)) parts.push(rng.pick(TABLES));
  parts.push(paragraph(rng, 1, 2));
  return parts.join('\n\n');
}

/** Several KB of markdown: numbered sections with prose, code and tables. */
export function longDocument(rng: Rng, sections: number): string {
  const out: string[] = [
    '# Report\n\n> Generated for the demo dataset; every section is deterministic.',
  ];
  for (let s = 1; s <= sections; s++) {
    out.push(
      `## ${s}. ${rng.pick(['Findings', 'Context', 'Risks', 'Costs', 'Timeline', 'Open questions'])}`,
    );
    out.push(paragraphs(rng, 2, 3));
    if (s % 2 === 0) out.push(rng.pick(CODE_BLOCKS));
    if (s % 3 === 0) out.push(rng.pick(TABLES));
  }
  return out.join('\n\n');
}

/** Content of varied length for long conversations: a line, a paragraph, several, or markdown. */
export function variedText(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.4) return rng.chance(0.5) ? sentence(rng) : rng.pick(USER_QUESTIONS);
  if (roll < 0.7) return paragraph(rng);
  if (roll < 0.88) return paragraphs(rng, 2, 5);
  if (roll < 0.95) return markdownAnswer(rng);
  if (roll < 0.98)
    return `${sentence(rng)} ${rng.pick(EMOJI)}${rng.pick(EMOJI)}\n${rng.pick(RTL_SNIPPETS)}`;
  return longDocument(rng, 4);
}
