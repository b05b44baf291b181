import type { MessageItem } from '@/api/types.ts';
import type { ConversationRow } from '../../utils/rows.ts';
import type { InspectorImage } from '../image-inspector-context.ts';

function imagesOf(
  item: MessageItem,
  rowKey: string,
  messageLabel: string,
  out: InspectorImage[],
): void {
  if (!item.ok || !item.message.contentParts) return;
  const { id } = item.message;
  item.message.contentParts.forEach((part, partIndex) => {
    if (part.type !== 'image_url' || !('image_url' in part)) return;
    out.push({
      key: `${id ?? rowKey}:${partIndex}`,
      messageId: id,
      messageLabel,
      partIndex,
      url: part.image_url.url,
      detail: part.image_url.detail,
    });
  });
}

/** Every image part of the loaded rows, in reading order: what ← and → move through. */
export function collectImageParts(rows: readonly ConversationRow[]): InspectorImage[] {
  const out: InspectorImage[] = [];
  for (const row of rows) {
    if (row.kind === 'message') imagesOf(row.item, row.key, row.label, out);
    else if (row.kind === 'choice')
      imagesOf(row.choice.message, row.key, `choice ${row.choice.index}`, out);
  }
  return out;
}

/** The listed part an image part refers to: by message id and index, else by URL and index. */
export function findImage(
  items: readonly InspectorImage[],
  part: Pick<InspectorImage, 'messageId' | 'partIndex' | 'url'>,
): InspectorImage | undefined {
  return part.messageId != null
    ? items.find((i) => i.messageId === part.messageId && i.partIndex === part.partIndex)
    : items.find(
        (i) => i.messageId == null && i.partIndex === part.partIndex && i.url === part.url,
      );
}
