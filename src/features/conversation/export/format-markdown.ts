/**
 * The Markdown export: a header with the completion's details, every input message (role,
 * "#N" label and id; text, parts, images, tool calls and results, refusal, audio transcript,
 * sources, anything else as JSON), then the answer's choices with their finish_reason. Messages
 * and their parts are numbered as in the viewer: from 0, as in message ids and `?part=N`.
 *
 * Safe to paste anywhere: everything this file writes around the content is built so content
 * can't change it (fences longer than any backtick run inside, inline code with enough
 * backticks, escaped inline text, URLs checked and wrapped in `<…>`). A message text goes in as
 * markdown only when it can't leak into what follows and carries nothing a permissive renderer
 * would run or follow: it must end cleanly (no open fence, HTML block…), hold no raw HTML and
 * no link or image with a scheme other than http(s)/mailto (data:image for images); otherwise
 * it is written verbatim in a fenced block, with the reason. Loaded only when exporting (it
 * brings markdown-it to check texts).
 */
import MarkdownIt from 'markdown-it';
import type { Env, Token } from 'markdown-it';
import type { ChatMessage, Json, MessageItem, StoredCompletion } from '@/api/types.ts';
import { formatBytes, formatNumber } from '@/lib/format.ts';
import { describeUrl, safeImageSource } from '@/lib/safe-url.ts';
import { base64Bytes, readAudio } from '../components/audio-data.ts';
import { citedText, readAnnotations, resolveCitations } from '../components/citation-spans.ts';
import { safeLinkHref } from '../markdown/safe-link.ts';
import { messageLabel } from '../utils/rows.ts';
import { escapeInline, fenced, inlineCode, linkDestination } from './markdown-syntax.ts';

export type ImageMode = 'links' | 'embed';

export interface MarkdownExportOptions {
  /** `embed`: data-URL images as `![](data:…)`; `links`: a note instead. Remote URLs stay links. */
  images: ImageMode;
}

// A permissive parser (raw HTML on, every link scheme accepted) sees what the most permissive
// renderer a file may be pasted into would see.
const checker = new MarkdownIt('default', { html: true, linkify: false });
checker.validateLink = () => true;

const SENTINEL = 'stored-completions-export-end-of-text';
/** Texts longer than this are not parsed to be checked: they go in a fenced block. */
const MAX_CHECKED = 250_000;

function unsafeLink(href: string): boolean {
  // Browsers ignore control characters and spaces in a scheme ("java\tscript:").
  const squeezed = [...href].filter((c) => c.charCodeAt(0) > 0x20).join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed);
  return scheme != null && safeLinkHref(href) == null;
}

function unsafeImage(src: string): boolean {
  return unsafeLink(src) && !(safeImageSource(src).ok && src.trim().startsWith('data:'));
}

function findHazard(tokens: readonly Token[]): string | null {
  for (const token of tokens) {
    if (token.type === 'html_block' || token.type === 'html_inline') return 'it holds raw HTML';
    if (token.type === 'link_open' && unsafeLink(String(token.attrGet('href') ?? '')))
      return 'it holds a link that is not http(s) or mailto';
    if (token.type === 'image' && unsafeImage(String(token.attrGet('src') ?? '')))
      return 'it holds an image whose URL is not allowed';
    if (token.children) {
      const inner = findHazard(token.children);
      if (inner) return inner;
    }
  }
  return null;
}

/** Why a text can't go into the export as markdown, or null when it can. */
export function textHazard(text: string): string | null {
  if (text.length > MAX_CHECKED) return 'it is too long to check';
  const env: Env = {};
  const tokens = checker.parse(`${text}\n\n# ${SENTINEL}\n`, env);
  const [open, inline] = tokens.slice(-3);
  if (open?.type !== 'heading_open' || open.level !== 0 || inline?.content !== SENTINEL)
    return 'its markdown is not closed (it would run into what follows)';
  for (const reference of Object.values(env.references ?? {})) {
    if (unsafeLink(reference.href)) return 'it defines a link that is not http(s) or mailto';
  }
  return findHazard(tokens);
}

/** A message text: as markdown when that is safe, else verbatim in a fenced block. */
export function textBlock(text: string): string {
  const hazard = textHazard(text);
  if (!hazard) return text.replace(/\s+$/, '');
  return `*Shown as text: ${hazard}.*\n\n${fenced(text, 'text')}`;
}

function json(value: Json | undefined): string {
  return fenced(JSON.stringify(value ?? null, null, 2), 'json');
}

function isJsonText(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function imageBlock(
  url: string,
  detail: string | undefined,
  partIndex: number,
  options: MarkdownExportOptions,
): string {
  const alt = escapeInline(`Image part ${partIndex}${detail ? ` (detail: ${detail})` : ''}`);
  const source = safeImageSource(url);
  if (!source.ok) {
    return `*${alt}: not a link (${escapeInline(source.reason)}):* ${inlineCode(describeUrl(url))}`;
  }
  if (source.kind === 'remote') return `[${alt}](${linkDestination(source.src)})`;
  if (options.images === 'embed') return `![${alt}](${linkDestination(source.src)})`;
  return `*${alt}: ${escapeInline(source.mimeType)} data URL, ${formatBytes(source.approxBytes)}, not embedded (export with embedded images to include it).*`;
}

function toolCallBlock(call: ChatMessage['toolCalls'][number]): string {
  if (call.function) {
    const args = call.function.arguments;
    let pretty: string | null = null;
    try {
      pretty = JSON.stringify(JSON.parse(args), null, 2);
    } catch {
      pretty = null;
    }
    const head = `**Tool call** ${inlineCode(call.function.name)} · ${inlineCode(call.id)}`;
    return pretty != null
      ? `${head}\n\n${fenced(pretty, 'json')}`
      : `${head}\n\n*Arguments (not valid JSON, as sent):*\n\n${fenced(args)}`;
  }
  if (call.custom) {
    return `**Custom tool call** ${inlineCode(call.custom.name)} · ${inlineCode(call.id)}\n\n${fenced(call.custom.input)}`;
  }
  return `**Tool call** ${inlineCode(call.id)} of type ${inlineCode(call.type)}\n\n${json(call.raw)}`;
}

function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

const SPECIAL_FIELDS = new Set(['audio', 'annotations']);

function messageBlocks(
  message: ChatMessage,
  toolNames: ReadonlyMap<string, string>,
  options: MarkdownExportOptions,
): string[] {
  const blocks: string[] = [];
  if (message.toolCallId) {
    const name = toolNames.get(message.toolCallId);
    blocks.push(
      `**Tool result** for ${inlineCode(message.toolCallId)}${name ? ` (${inlineCode(name)})` : ''}`,
    );
  }
  if (message.contentParts) {
    message.contentParts.forEach((part, i) => {
      if (part.type === 'text' && 'text' in part) blocks.push(textBlock(part.text));
      else if (part.type === 'image_url' && 'image_url' in part)
        blocks.push(imageBlock(part.image_url.url, part.image_url.detail, i, options));
      else
        blocks.push(
          `**Part ${i} of type** ${inlineCode(part.type)}\n\n${json('raw' in part ? part.raw : null)}`,
        );
    });
  } else if (message.content != null && message.content !== '') {
    blocks.push(
      message.role === 'tool' && isJsonText(message.content)
        ? fenced(message.content, 'json')
        : textBlock(message.content),
    );
  }
  if (message.refusal != null) blocks.push(`**Refusal**\n\n${textBlock(message.refusal)}`);
  for (const call of message.toolCalls) blocks.push(toolCallBlock(call));

  const audio = readAudio(message.extra.audio);
  if (audio) {
    const facts = [
      audio.id ? inlineCode(audio.id) : null,
      audio.expiresAt != null ? `expires_at ${isoTime(audio.expiresAt)}` : null,
    ].filter(Boolean);
    blocks.push(`**Audio**${facts.length ? ` ${facts.join(' · ')}` : ''}`);
    if (audio.transcript) blocks.push(`*Transcript:*\n\n${textBlock(audio.transcript)}`);
    if (audio.data) {
      blocks.push(
        `*Audio data: ${formatBytes(base64Bytes(audio.data))}, not included here (the JSON export keeps it).*`,
      );
    }
  } else if (message.extra.audio !== undefined) {
    blocks.push(`**Audio**\n\n${json(message.extra.audio)}`);
  }

  const { citations, others } = readAnnotations(message.extra.annotations);
  if (citations.length > 0) {
    const text = message.content;
    const lines = resolveCitations(text, citations).map((c) => {
      const title = escapeInline(c.title ?? c.url);
      const link = c.href
        ? `[${title}](${linkDestination(c.href)})`
        : `${title} ${inlineCode(c.url)} (not a link: its scheme is not allowed)`;
      const cited = citedText(text, c);
      const where = cited
        ? ` — cites “${escapeInline(cited.length > 200 ? `${cited.slice(0, 200)}…` : cited)}”`
        : c.problem === 'out-of-range'
          ? ' — its position lies outside the text'
          : '';
      return `${c.number}. ${link}${where}`;
    });
    blocks.push(`**Sources**\n\n${lines.join('\n')}`);
  }
  if (others.length > 0) blocks.push(`**Other annotations**\n\n${json(others)}`);

  const rest = Object.entries(message.extra).filter(([key]) => !SPECIAL_FIELDS.has(key));
  if (rest.length > 0) blocks.push(`**Other fields**\n\n${json(Object.fromEntries(rest))}`);
  if (blocks.length === 0) blocks.push('*(no content)*');
  return blocks;
}

function brokenBlocks(item: Extract<MessageItem, { ok: false }>): string[] {
  return [`*Could not be read: ${escapeInline(item.reason)}. As received:*`, json(item.raw)];
}

function headerLines(completion: StoredCompletion, messageCount: number): string[] {
  const lines = [`# Stored completion ${inlineCode(completion.id)}`, ''];
  const facts: string[] = [`- **Model:** ${escapeInline(completion.model)}`];
  if (completion.created != null) facts.push(`- **Created:** ${isoTime(completion.created)}`);
  facts.push(`- **Input messages:** ${formatNumber(messageCount)}`);
  const usage = completion.usage;
  if (usage) {
    facts.push(
      `- **Tokens:** prompt ${formatNumber(usage.prompt_tokens)} · completion ${formatNumber(usage.completion_tokens)} · total ${formatNumber(usage.total_tokens)}`,
    );
    if (usage.prompt_tokens_details?.cached_tokens != null)
      facts.push(
        `- **Cached prompt tokens:** ${formatNumber(usage.prompt_tokens_details.cached_tokens)}`,
      );
    if (usage.completion_tokens_details?.reasoning_tokens != null)
      facts.push(
        `- **Reasoning tokens:** ${formatNumber(usage.completion_tokens_details.reasoning_tokens)}`,
      );
  }
  if (completion.serviceTier)
    facts.push(`- **Service tier:** ${escapeInline(completion.serviceTier)}`);
  if (completion.systemFingerprint)
    facts.push(`- **System fingerprint:** ${inlineCode(completion.systemFingerprint)}`);
  const metadata = Object.entries(completion.metadata);
  if (metadata.length === 0) facts.push('- **Metadata:** none');
  else {
    facts.push('- **Metadata:**');
    for (const [key, value] of metadata)
      facts.push(`  - ${inlineCode(key)} = ${inlineCode(value)}`);
  }
  return [...lines, ...facts];
}

/** The whole conversation as Markdown. */
export function formatMarkdownExport(
  completion: StoredCompletion,
  items: readonly MessageItem[],
  options: MarkdownExportOptions,
): string {
  const toolNames = new Map<string, string>();
  for (const item of items) {
    if (!item.ok) continue;
    for (const call of item.message.toolCalls) {
      const name = call.function?.name ?? call.custom?.name;
      if (name) toolNames.set(call.id, name);
    }
  }
  const out: string[] = [...headerLines(completion, items.length), '', '## Messages'];
  if (items.length === 0) out.push('', '*No stored input messages.*');
  else
    out.push(
      '',
      `*Numbered from 0, as in their ids (${inlineCode(`${completion.id}-0`)}, …); parts too.*`,
    );
  items.forEach((item, position) => {
    const id = item.ok ? item.message.id : null;
    const label = messageLabel(completion.id, id, position);
    if (!item.ok) {
      out.push('', `### ${label} · could not be read`, '', ...joinBlocks(brokenBlocks(item)));
      return;
    }
    const { message } = item;
    const heading = [
      `### ${label}`,
      escapeInline(message.role),
      message.name ? `name: ${escapeInline(message.name)}` : null,
      message.id ? inlineCode(message.id) : null,
    ].filter(Boolean);
    out.push(
      '',
      heading.join(' · '),
      '',
      ...joinBlocks(messageBlocks(message, toolNames, options)),
    );
  });

  out.push('', '## Answer');
  if (completion.choices.length === 0) out.push('', '*No choices stored.*');
  for (const choice of completion.choices) {
    const finish = choice.finishReason
      ? ` · finish_reason: ${inlineCode(choice.finishReason)}`
      : '';
    if (!choice.message.ok) {
      out.push(
        '',
        `### Choice ${choice.index}${finish} · could not be read`,
        '',
        ...joinBlocks(brokenBlocks(choice.message)),
      );
      continue;
    }
    const { message } = choice.message;
    out.push(
      '',
      `### Choice ${choice.index} · ${escapeInline(message.role)}${finish}`,
      '',
      ...joinBlocks(messageBlocks(message, toolNames, options)),
    );
  }
  return `${out.join('\n')}\n`;
}

function joinBlocks(blocks: string[]): string[] {
  return blocks.flatMap((block, i) => (i === 0 ? [block] : ['', block]));
}
