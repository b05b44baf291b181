/**
 * The hand-written demo conversations behind DEMO_IDS: each one exercises a rendering case of
 * the viewer (tool calls, refusal, markdown, RTL, images, a huge data URL, an expired image).
 */
import {
  answer,
  assistant,
  developer,
  functionCall,
  image,
  system,
  text,
  tool,
  user,
  userParts,
  type Choice,
  type DraftMessage,
} from './builders.ts';
import {
  DEMO_IMAGES,
  EXPIRED_IMAGE_PATH,
  HOSTILE_BIG_CODE_LINES,
  type DemoImageName,
} from './demo-ids.ts';
import { bigDataUrl, smallDataUrl } from './images.ts';
import type { Rng } from './prng.ts';
import { CODE_BLOCKS, TABLES, longDocument, markdownAnswer } from './text.ts';

export interface SpecialConversation {
  drafts: DraftMessage[];
  choices: Omit<Choice, 'index'>[];
  model: string;
  tools?: unknown[];
  toolChoice?: unknown;
  /** Request fields of the completion beyond the generated ones (see CompletionInput.request). */
  request?: Record<string, unknown>;
}

const img = (origin: string, name: DemoImageName) => `${origin}/demo-assets/images/${name}`;

export const DEMO_TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city.',
      parameters: {
        type: 'object',
        properties: {
          city: { type: 'string' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['city'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'lookup_order',
      description: 'Order status by id.',
      parameters: {
        type: 'object',
        properties: {
          order_id: { type: 'string' },
          include: { type: 'array', items: { type: 'string' } },
        },
        required: ['order_id'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'notify_customer',
      description: 'Send a short notification to the customer.',
      parameters: {
        type: 'object',
        properties: { channel: { type: 'string' }, message: { type: 'string' } },
        required: ['channel', 'message'],
      },
    },
  },
  {
    type: 'custom',
    custom: { name: 'apply_patch', description: 'Apply a patch in V4A diff format.' },
  },
];

/** A strict structured-output format (`response_format` of type json_schema). */
export const SUPPORT_REPLY_FORMAT = {
  type: 'json_schema',
  json_schema: {
    name: 'support_reply',
    description: 'What the assistant tells the customer, and what it did for them.',
    strict: true,
    schema: {
      type: 'object',
      properties: {
        reply: { type: 'string', description: 'The message shown to the customer (Markdown).' },
        order_status: {
          type: ['string', 'null'],
          enum: ['processing', 'in_transit', 'delivered', 'returned', null],
          description: 'Status of the order discussed, if any.',
        },
        actions_taken: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              tool: { type: 'string' },
              summary: { type: 'string' },
            },
            required: ['tool', 'summary'],
            additionalProperties: false,
          },
        },
        needs_human: { type: 'boolean' },
      },
      required: ['reply', 'order_status', 'actions_taken', 'needs_human'],
      additionalProperties: false,
    },
  },
};

export function toolsConversation(): SpecialConversation {
  const brokenArgs = '{"order_id": "A-1042", "include": ["items", "shipping"'; // truncated: NOT valid JSON
  return {
    model: 'gpt-4.1',
    tools: DEMO_TOOLS,
    toolChoice: 'auto',
    request: {
      seed: 20_261_014,
      temperature: 0.2,
      top_p: 0.9,
      max_completion_tokens: 1024,
      parallel_tool_calls: true,
      response_format: SUPPORT_REPLY_FORMAT,
      prompt_cache_key: 'acme-support-v3',
    },
    drafts: [
      system("You are Acme's order assistant. Use the tools to look up live data; never guess."),
      user(
        "What's the weather in Paris and Tokyo right now? And where is my order A-1042?",
        'alice',
      ),
      assistant(null, [
        functionCall(
          'call_Wx7pQ2mK9sLd3vB8nR4tY1aZ',
          'get_weather',
          '{"city":"Paris","unit":"celsius"}',
        ),
        functionCall(
          'call_Hj5kL8dF2gS6aP0oI3uY7tRe',
          'get_weather',
          '{"city":"Tokyo","unit":"celsius"}',
        ),
        functionCall('call_Qm1nB4vC7xZ0lK3jH6gF9dSa', 'lookup_order', brokenArgs),
      ]),
      tool(
        'call_Wx7pQ2mK9sLd3vB8nR4tY1aZ',
        '{"city":"Paris","temp_c":14,"conditions":"light rain","humidity":0.82}',
      ),
      tool(
        'call_Hj5kL8dF2gS6aP0oI3uY7tRe',
        '{"city":"Tokyo","temp_c":19,"conditions":"clear","humidity":0.41}',
      ),
      tool(
        'call_Qm1nB4vC7xZ0lK3jH6gF9dSa',
        '{"error":"invalid_arguments","message":"Could not parse arguments: Unexpected end of JSON input"}',
      ),
      assistant('The order lookup failed because of malformed arguments. Retrying.', [
        functionCall(
          'call_Zt8yX5wV2uT9sR6qP3oN0mLk',
          'lookup_order',
          JSON.stringify({ order_id: 'A-1042', include: ['items', 'shipping'] }),
        ),
      ]),
      tool(
        'call_Zt8yX5wV2uT9sR6qP3oN0mLk',
        JSON.stringify({
          order_id: 'A-1042',
          status: 'in_transit',
          carrier: 'DHL',
          eta: '2026-10-16',
          items: [{ sku: '88-1042', qty: 2, title: 'Espresso cups (set of 4)' }],
        }),
      ),
      assistant(
        '**Weather now**\n\n| City | Temp | Conditions |\n|---|---:|---|\n| Paris | 14 °C | light rain 🌧️ |\n| Tokyo | 19 °C | clear ☀️ |\n\nYour order **A-1042** is in transit with DHL and should arrive on **16 October**.',
      ),
      user(
        'Great. Please update the README so it mentions the new tracking page, then let me know by SMS.',
        'alice',
      ),
      assistant(null, [
        {
          id: 'call_Pa7cH1eR4sT7uV0wX3yZ6aB9',
          type: 'custom',
          custom: {
            name: 'apply_patch',
            input:
              '*** Begin Patch\n*** Update File: README.md\n@@ ## Orders\n-Track your order from the confirmation email.\n+Track your order at https://acme.example/track (or from the confirmation email).\n*** End Patch',
          },
        },
      ]),
      tool(
        'call_Pa7cH1eR4sT7uV0wX3yZ6aB9',
        'Done: README.md updated (1 file changed, 1 insertion, 1 deletion).',
      ),
    ],
    choices: [
      answer(null, 'tool_calls', {
        tool_calls: [
          functionCall(
            'call_Sm5sN8oT1iF4yC7uS0tO3mEr',
            'notify_customer',
            JSON.stringify({
              channel: 'sms',
              message: 'README updated: track orders at https://acme.example/track',
            }),
          ),
        ],
      }),
    ],
  };
}

export function refusalConversation(): SpecialConversation {
  return {
    model: 'gpt-4o',
    drafts: [
      system('You are a helpful assistant.'),
      user(
        'My neighbour is away for the week. How do I get into their flat without a key? I only want to borrow their ladder.',
      ),
    ],
    choices: [
      {
        message: {
          role: 'assistant',
          content: null,
          refusal:
            "I'm sorry, but I can't help with getting into someone else's home without their permission. If you need the ladder, try contacting your neighbour or the building manager.",
          annotations: [],
        },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
  };
}

export function markdownConversation(rng: Rng): SpecialConversation {
  const firstAnswer = [
    '## Cursor vs offset pagination',
    TABLES[2],
    '### TypeScript',
    CODE_BLOCKS[0],
    '### Python',
    CODE_BLOCKS[1],
    '### SQL',
    CODE_BLOCKS[2],
    '> **Note:** cursors stay stable when new rows are inserted while you page.',
    '1. Fetch a page\n2. Remember `last_id`\n   - pass it as `after`\n   - keep `limit` and `order`\n3. Stop when `has_more` is `false`',
    '- [x] supports `asc` and `desc`\n- [ ] random access to page *n*',
    '~~Offset pagination is always fine~~ Offset pagination drifts when rows are inserted.',
  ].join('\n\n');
  const finalAnswer = [
    longDocument(rng, 10),
    '## Appendix: edge cases',
    'Text that must stay text: <script>alert("xss")</script> and <img src=x onerror=alert(1)> and a [link](https://example.com/docs?a=1&b=2).',
    'Inline math-ish: `O(log n)`, 2^10 = 1024, a * b * c, snake_case_name, __dunder__.',
    CODE_BLOCKS[5],
    'A very long line: ' + 'lorem_ipsum_dolor_sit_amet_'.repeat(20),
  ].join('\n\n');
  // Drawn where it always was (after the final answer): the rest of the dataset stays the same.
  const designDocument = markdownAnswer(rng);
  return {
    model: 'gpt-4.1',
    // The long version rewrites the design document: the short one is its predicted output.
    request: {
      prediction: { type: 'content', content: designDocument },
      max_completion_tokens: 16_384,
    },
    drafts: [
      developer(
        'Use Markdown. Prefer tables for comparisons. Label every fenced code block with its language.',
      ),
      user(
        'Compare cursor and offset pagination. Show code in TypeScript, Python and SQL.',
        'bob_smith',
      ),
      assistant(firstAnswer),
      user(
        'Perfect. Now write the full design document, with a risks table and a timeline. Literal HTML like <b>this</b> must not render.',
        'bob_smith',
      ),
      assistant(designDocument),
      user('Go on — the long version please. 📝'),
    ],
    choices: [answer(finalAnswer)],
  };
}

export function rtlConversation(): SpecialConversation {
  return {
    model: 'gpt-4o-mini',
    drafts: [
      system("Reply in the user's language. Keep numbers and product codes unchanged."),
      user(
        'مرحبا! الطلب رقم 4821 لم يصل بعد، وقد مرّ أسبوعان على موعد التسليم. ماذا أفعل؟',
        'fatima',
      ),
      assistant(
        'أنا آسف لسماع ذلك 😔 يمكنك تتبع الطلب 4821 من صفحة "طلباتي". إذا لم يصل خلال 3 أيام، سنرسل بديلاً مجاناً.',
      ),
      user('שלום! אני צריך עזרה בכתיבת מייל ללקוח על עיכוב במשלוח של הזמנה A-1042.', 'dmitri'),
      assistant(
        'בטח! הנה טיוטה:\n\nשלום רב,\nאנו מתנצלים על העיכוב בהזמנה A-1042. המשלוח צפוי להגיע עד 16.10.\n\nבברכה,\nצוות Acme 🚚',
      ),
      user('Mixed please: English + العربية + עברית in one short line each, with an emoji 🚀'),
    ],
    choices: [
      answer(
        'English: Your order A-1042 ships today 🚀\nالعربية: طلبك A-1042 يُشحن اليوم 🚀\nעברית: ההזמנה A-1042 נשלחת היום 🚀\n\n(بالأرقام: 1, 2, 3 — במספרים: 4, 5, 6)',
      ),
    ],
  };
}

export function imagesConversation(origin: string): SpecialConversation {
  const names = Object.keys(DEMO_IMAGES) as DemoImageName[];
  const details = ['low', 'high', 'auto'] as const;
  return {
    model: 'gpt-4o',
    drafts: [
      system('You describe images precisely: size, colours, visible text.'),
      userParts([
        text("What's in these two images?"),
        image(img(origin, 'grid-1024.png'), 'high'),
        image(img(origin, 'photo-800x600.jpg'), 'low'),
      ]),
      assistant(
        'The first is a 1024x1024 gradient with a grid and a "1024x1024 PNG" label; the second is an 800x600 JPEG with the same kind of pattern in sky and grass colours.',
      ),
      userParts([image(img(origin, 'poster-2048x4096.jpg'), 'auto')], 'carol-92'),
      assistant(
        'A tall 2048x4096 poster: a warm orange-to-teal gradient with grid lines and diagonals.',
      ),
      userParts([
        text('Compare these small inline ones.'),
        image(smallDataUrl('swatch-png'), 'low'),
        image(smallDataUrl('thumb-jpeg'), 'auto'),
        image(smallDataUrl('badge-png'), 'high'),
      ]),
      assistant(
        'Three tiny images: an RGB swatch, a JPEG thumbnail with white diagonals, and a purple badge.',
      ),
      userParts([
        text('And the tall strip and the icon?'),
        image(img(origin, 'strip-300x1200.png'), 'high'),
        image(img(origin, 'icon-64.png'), 'low'),
        image(img(origin, 'tile-512.png'), 'auto'),
        text('Which one is square?'),
      ]),
      assistant('The strip is 300x1200; the icon (64x64) and the tile (512x512) are square.'),
      userParts(
        [
          text('All of them again, side by side:'),
          ...names.map((n, i) => image(img(origin, n), details[i % 3]!)),
        ],
        'carol-92',
      ),
    ],
    choices: [
      answer(
        names
          .map(
            (n) =>
              `- **${n}**: ${DEMO_IMAGES[n].width}x${DEMO_IMAGES[n].height} ${DEMO_IMAGES[n].format.toUpperCase()}`,
          )
          .join('\n'),
      ),
    ],
  };
}

export function bigImageConversation(): SpecialConversation {
  return {
    model: 'gpt-4.1-mini',
    drafts: [
      userParts([
        text('Can you find a hidden pattern in this noise image? It is about 5 MB.'),
        image(bigDataUrl(), 'high'),
      ]),
    ],
    choices: [
      answer(
        'I see coloured static in horizontal bands of about 93 px alternating red, green and blue tints; there is no hidden text.',
      ),
    ],
  };
}

export function expiredImageConversation(origin: string): SpecialConversation {
  return {
    model: 'gpt-4o',
    drafts: [
      userParts([
        text("Here are last week's two screenshots."),
        image(`${origin}${EXPIRED_IMAGE_PATH}`, 'auto'),
        image(img(origin, 'tile-512.png'), 'low'),
      ]),
      assistant(
        'I could only load the second image (a 512x512 green tile); the first link seems to have expired.',
      ),
      user('Oops. Describe the second one in one sentence then.'),
    ],
    choices: [
      answer(
        'A square green-to-blue gradient with a white grid, two black diagonals and the label "512x512 PNG".',
      ),
    ],
  };
}

/**
 * A fenced TypeScript block of exactly `lines` lines between its fences: ordinary-looking
 * generated handlers, one very long line (it must scroll, not widen the page) and a string
 * holding HTML that must stay text.
 */
export function bigCodeBlock(lines: number): string {
  const out = [
    '// Generated handlers: a long file to review.',
    `const BANNER = '${'='.repeat(400)}';`,
    'const TEMPLATE = \'</script><script>window.__pwned = "big-code"</script>\';',
    '',
  ];
  for (let n = 1; out.length < lines; n++) {
    const id = String(n).padStart(4, '0');
    out.push(
      `/** Handler ${id}: totals an order and checks its limit. */`,
      `export function handler${id}(order: Order, limit = ${n * 10}): Result {`,
      '  const total = order.items.reduce((sum, item) => sum + item.price * item.qty, 0);',
      `  if (total > limit) return { ok: false, reason: \`over \${limit}: \${total}\` };`,
      `  return { ok: true, total, tag: 'h${id}' };`,
      '}',
      '',
    );
  }
  return ['```ts', ...out.slice(0, lines), '```'].join('\n');
}

/** A declared tool whose name, description and schema carry HTML: all of it is text. */
export const HOSTILE_TOOL = {
  type: 'function',
  function: {
    name: '<img src=x onerror="window.__pwned = \'tool-name\'">',
    description:
      '<script>window.__pwned = "tool-description"</script> <b onmouseover="window.__pwned = \'tool-b\'">bold?</b>',
    parameters: {
      type: 'object',
      properties: {
        html: {
          type: 'string',
          description: '<svg onload="window.__pwned = \'tool-schema\'"></svg>',
        },
      },
    },
  },
};

/**
 * Hostile content: every payload would run code (setting `window.__pwned` or opening a dialog)
 * or load something if the viewer let HTML or a bad URL through. All of it must show as text.
 */
export function hostileConversation(origin: string): SpecialConversation {
  const pixel = `${origin}/demo-assets/images/icon-64.png?hostile=markdown-image`;
  const rawHtml = [
    'Raw HTML must stay text:',
    '',
    '<script>window.__pwned = "script"; alert("script")</script>',
    '',
    'Inline: <img src=x onerror="window.__pwned = \'img-onerror\'"> and <b onmouseover="window.__pwned = \'b\'">bold?</b> and <svg onload="window.__pwned = \'svg-onload\'"><circle r="9"/></svg>.',
    '',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned = \'svg-block\'"><script>window.__pwned = "svg-script"</script></svg>',
    '',
    '<iframe src="javascript:window.__pwned = \'iframe\'" srcdoc="<script>parent.__pwned = 1</script>"></iframe>',
    '',
    '<a href="javascript:window.__pwned = \'a-href\'">an HTML link</a>',
    '',
    '<div style="background:url(javascript:window.__pwned = \'style\')" onclick="window.__pwned = \'onclick\'">a styled div</div>',
    '',
    '<details open ontoggle="window.__pwned = \'ontoggle\'"><summary>details</summary>x</details>',
    '',
    '<object data="javascript:window.__pwned = \'object\'"></object><embed src="javascript:window.__pwned = \'embed\'">',
    '',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = \'mxss\'">',
    '',
    '<style>body { display: none }</style>',
    '',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned = \'meta\'">',
    '',
    '<base href="javascript:window.__pwned = \'base\'//">',
    '',
    '<form action="javascript:window.__pwned = \'form\'"><button>submit</button></form>',
    '',
    '<input autofocus onfocus="window.__pwned = \'onfocus\'">',
    '',
    `<img src="${origin}/demo-assets/images/tile-512.png?hostile=html-img">`,
  ].join('\n');
  const badLinks = [
    'Links with bad schemes must not be links:',
    '',
    "- [javascript link](javascript:window.__pwned='md-link')",
    "- [entity-encoded scheme](jav&#x61;script:window.__pwned='entity')",
    "- [mixed case](JaVaScRiPt:window.__pwned='case')",
    "- [escaped colon](javascript&#58;window.__pwned='colon')",
    "- [angle brackets](<javascript:window.__pwned='angle'>)",
    '- [data URL](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0iZGF0YSI8L3NjcmlwdD4=)',
    '- [vbscript](vbscript:msgbox("pwned"))',
    '- [file](file:///etc/passwd)',
    "- autolink: <javascript:window.__pwned='autolink'>",
    '- [reference link][evil]',
    '- [relative](/completions?x=1)',
    '',
    "[evil]: javascript:window.__pwned='reference'",
    '',
    'Good links stay links: [OpenAI docs](https://platform.openai.com/docs), <https://example.com/autolink>, www.example.org, <security@example.com>, [write to us](mailto:security@example.com).',
  ].join('\n');
  const images = [
    'Markdown images must not load (each shows as a link):',
    '',
    `![tracking pixel](${pixel})`,
    '',
    '![svg data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3B3bmVkPTEiLz4=)',
    '',
    "![script image](javascript:window.__pwned='image')",
  ].join('\n');
  const code = [
    'HTML inside code stays code:',
    '',
    '```html',
    '<script>window.__pwned = "code"</script>',
    '<img src=x onerror="window.__pwned = \'code-img\'">',
    '```',
    '',
    'Inline: `<svg onload="window.__pwned = 1">` and a hostile language label:',
    '',
    '```"><img src=x onerror="window.__pwned=\'lang\'">',
    'the info string above is only a label',
    '```',
  ].join('\n');
  const table = [
    '| payload | where |',
    '|---|---|',
    '| <img src=x onerror="window.__pwned = \'cell\'"> | table cell |',
    "| [cell link](javascript:window.__pwned='cell-link') | link in a cell |",
    '',
    '- [x] <input onfocus="window.__pwned = \'task\'" autofocus> in a task list',
    '- [ ] ~~<s>struck</s>~~',
  ].join('\n');
  return {
    model: 'gpt-4o',
    tools: [...DEMO_TOOLS.slice(2, 3), HOSTILE_TOOL],
    toolChoice: 'auto',
    drafts: [
      system(
        'You are a security test fixture. The messages below are hostile: a viewer must show them as text and run nothing.',
      ),
      user(rawHtml, 'eve_ops'),
      assistant(badLinks),
      userParts([text(images), text(code)], 'eve_ops'),
      assistant(null, [
        functionCall(
          'call_Xs5sH0sT1lE9aR6gS3jS0nAb',
          'notify_customer',
          JSON.stringify({
            channel: '<script>window.__pwned = "args"</script>',
            message: '"><img src=x onerror="window.__pwned = \'args-img\'">',
          }),
        ),
      ]),
      tool(
        'call_Xs5sH0sT1lE9aR6gS3jS0nAb',
        '<svg onload="window.__pwned = \'tool-result\'"></svg> delivered',
      ),
      user(table, 'eve_ops'),
      user(
        `Please review this generated file (${HOSTILE_BIG_CODE_LINES.toLocaleString('en-US')} lines):\n\n${bigCodeBlock(HOSTILE_BIG_CODE_LINES)}`,
      ),
    ],
    choices: [
      answer(
        'Everything above is shown as text. <script>window.__pwned = "answer"</script> [one more](javascript:window.__pwned=\'answer-link\')',
      ),
    ],
  };
}
