import { createContext, useContext } from 'react';

/** One image part of the open conversation, as the inspector lists them (in reading order). */
export interface InspectorImage {
  /** Unique in the conversation: the message id (or row key) and the part index. */
  key: string;
  /** The message's id; null when it has none (e.g. a choice's message). */
  messageId: string | null;
  /** "#3", "choice 0": where the part is, for the dialog's title. */
  messageLabel: string;
  partIndex: number;
  url: string;
  /** As the request sent it (absent means the API's default, auto). */
  detail: string | undefined;
}

/**
 * The conversation's pages not loaded yet, which may hold more image parts: the inspector's
 * ← and → go on into them instead of stopping at the last loaded image. `seekImage` is the
 * conversation's own seek (load pages until a row matches): it resolves once a message with an
 * image part after (or before) the message `fromMessageId` is loaded, with its id, or says why
 * not.
 */
export interface InspectorPages {
  older: boolean;
  newer: boolean;
  seekImage: (
    direction: InspectorDirection,
    fromMessageId: string | null,
  ) => Promise<InspectorSeekOutcome>;
}
export type InspectorDirection = 'older' | 'newer';
export type InspectorSeekOutcome =
  { status: 'found'; messageId: string | null } | { status: 'not-found' | 'failed' | 'cancelled' };

/** Where the inspector stands while it looks for the next image in pages not loaded yet. */
export interface InspectorSeek {
  direction: InspectorDirection;
  /** False once the conversation has no more pages that way (or loading failed). */
  searching: boolean;
  failed: boolean;
}

/** What an image part hands over when it is opened. */
export type InspectorImageRef = Pick<InspectorImage, 'messageId' | 'partIndex' | 'url' | 'detail'>;

export interface ImageInspectorContextValue {
  /** Opens the inspector on this part; focus goes back to `opener` (or the part shown) on close. */
  openImage: (part: InspectorImageRef, opener: HTMLElement) => void;
  /** Starts loading the inspector's code (on hover or focus), so opening is instant. */
  preload: () => void;
}

export const ImageInspectorContext = createContext<ImageInspectorContextValue | null>(null);

/** The inspector, when an ImageInspectorProvider is mounted above; null otherwise. */
export function useImageInspector(): ImageInspectorContextValue | null {
  return useContext(ImageInspectorContext);
}

/** The attributes an image part's "inspect" button carries, so focus can find it again. */
export const INSPECT_MESSAGE_ATTRIBUTE = 'data-inspect-message';
export const INSPECT_PART_ATTRIBUTE = 'data-inspect-part';
