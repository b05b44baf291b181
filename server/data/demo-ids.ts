/**
 * Well-known ids of the demo dataset. Tests, e2e specs and the README link to these, so they
 * are fixed literals (shaped like real ids: "chatcmpl-" + 29 base62 chars) rather than derived.
 * The other ~230 demo completions get deterministic ids from the seeded PRNG.
 */
export const DEMO_IDS = {
  /** Exactly 10,000 input messages; lengths vary from one line to multi-paragraph; some parts carry images. */
  long: 'chatcmpl-ujKIPChuAAOPI7COmuN4NMmnvQsZD',
  /** Many image parts: every local demo image (detail low/high/auto) plus small data: URLs. */
  images: 'chatcmpl-P3wsaOxnAP5CCR25kU9kTnVdIrXGC',
  /** Assistant tool_calls (parallel, custom tool, arguments that are NOT valid JSON) + tool replies. */
  tools: 'chatcmpl-9ivS2GDpWnQEfdQrgnUhZ7KJfwGgH',
  /** The answer in `choices` is a refusal: message.refusal set, content null. */
  refusal: 'chatcmpl-9HPBXOGeRmtOI8Ytn1sWhSOGIe9PH',
  /** Markdown: headings, fenced code blocks, tables, lists, quotes; a long (several KB) answer. */
  markdown: 'chatcmpl-vR6IugnBsgPnUpdDrWnW0fdDwj0fN',
  /**
   * Hostile content that must run nothing and show as text: raw HTML (script, event handlers,
   * SVG, iframe), javascript:/data:/vbscript: links (inline, autolink, reference, entity-encoded),
   * markdown images that must not load, HTML inside code and tool arguments; plus a message with
   * a 2,000-line fenced code block (HOSTILE_BIG_CODE_LINES).
   */
  hostile: 'chatcmpl-N1vkTPGqNFLGpS2ggL8wYnMTdwexG',
  /** Arabic and Hebrew (RTL) text mixed with English and emoji. */
  rtl: 'chatcmpl-mWGEZ5HYWljNVEvh7IR7R7BwJOKth',
  /** A user message with a ~5 MB data: URL PNG (base64 length ~5,000,000). */
  bigImage: 'chatcmpl-eyVv4vo59qVxQr62i38kn73AxUO44',
  /** A user message whose image URL answers 404 (an expired link), next to a working one. */
  expiredImage: 'chatcmpl-FHyc1wSeg4h57fF4MPadssLy666YD',
  /** Two completions carrying ODD_METADATA_KEY (brackets, &, =, spaces, unicode) for filter tests. */
  oddMetadataA: 'chatcmpl-H9So87lOW6gDsIMeuQ9UKYD3QW21r',
  oddMetadataB: 'chatcmpl-HhlywoxXdBvLfhC18luqaMidpSHZ2',
  /**
   * url_citation annotations (non-ASCII before a span, overlapping spans, a span inside a link and
   * one in code, a `javascript:` URL, out-of-range indices), assistant `audio` with a short WAV
   * tone (one expired, one expiring far ahead), and an unknown message field. See special-rich.ts.
   */
  rich: 'chatcmpl-bz1B9rQB8fPyIFEjUtn3pSIjPIPsR',
  /** Exactly 100,000 input messages (HUGE_MESSAGE_COUNT), generated page by page on request. */
  huge: 'chatcmpl-fFYbSz6UUJwY9TQNyqOoCVQPKgJkU',
  /**
   * Tool traffic across pages: a call in message 90 answered in message 230, a legacy
   * function_call with its role "function" result, a call with no stored result. See
   * special-tool-pages.ts.
   */
  toolPages: 'chatcmpl-Tp7GqW2xLr9ZkV4mNc8BhJ3dYs6Fa',
} as const;

export type DemoIdName = keyof typeof DEMO_IDS;

/** Number of input messages of DEMO_IDS.long. */
export const LONG_MESSAGE_COUNT = 10_000;

/** Number of input messages of DEMO_IDS.huge. */
export const HUGE_MESSAGE_COUNT = 100_000;

/** Lines inside the big fenced code block of DEMO_IDS.hostile (the fences not counted). */
export const HOSTILE_BIG_CODE_LINES = 2_000;

/** A metadata key that needs careful query encoding: `metadata[<key>]=<value>`. */
export const ODD_METADATA_KEY = 'team [α]&x=y ✓ ünï';
/** Value of ODD_METADATA_KEY on both oddMetadata completions. */
export const ODD_METADATA_VALUE = 'a&b=c d/é 🚀';

/** Path (relative to the origin) of the image that answers 404 in DEMO_IDS.expiredImage. */
export const EXPIRED_IMAGE_PATH = '/demo-assets/images/expired-5f1c2e9a.png';

/** Local demo images served under /demo-assets/images/<name> (built ahead: image-cache.ts). */
export const DEMO_IMAGES = {
  'grid-1024.png': { width: 1024, height: 1024, format: 'png' },
  'poster-2048x4096.jpg': { width: 2048, height: 4096, format: 'jpeg' },
  'tile-512.png': { width: 512, height: 512, format: 'png' },
  'photo-800x600.jpg': { width: 800, height: 600, format: 'jpeg' },
  'icon-64.png': { width: 64, height: 64, format: 'png' },
  'strip-300x1200.png': { width: 300, height: 1200, format: 'png' },
} as const satisfies Record<string, { width: number; height: number; format: 'png' | 'jpeg' }>;

export type DemoImageName = keyof typeof DEMO_IMAGES;
