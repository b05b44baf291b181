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
