/**
 * Where /v1's data comes from: nothing (static only), the proxy, a --data file or the demo
 * dataset. The one place the local store is created.
 */
import type { ProxyConfig } from './api/proxy.ts';
import { CompletionStore } from './api/store.ts';
import { generateDemoDataset } from './data/demo.ts';
import { loadJsonlFile } from './data/jsonl.ts';

export type ViewerMode =
  | { kind: 'demo'; completions: number; messages: number }
  | { kind: 'file'; file: string; completions: number; messages: number }
  | { kind: 'proxy'; baseURL: string }
  | { kind: 'static' };

/**
 * Demo image URLs are generated with this placeholder origin and rewritten per response to the
 * origin the browser used (see ApiHandlerOptions.originPlaceholder).
 */
export const DEMO_ORIGIN_PLACEHOLDER = 'http://viewer-demo-origin.invalid';

export interface DataSource {
  mode: ViewerMode;
  /** The local modes' data (demo, file). */
  store?: CompletionStore;
  /** Demo mode: the origin placeholder in its image URLs. */
  originPlaceholder?: string;
}

export async function openDataSource(options: {
  api: boolean;
  proxy?: ProxyConfig | null;
  dataFile?: string;
}): Promise<DataSource> {
  if (!options.api) return { mode: { kind: 'static' } };
  if (options.proxy) return { mode: { kind: 'proxy', baseURL: options.proxy.baseURL } };
  if (options.dataFile) {
    const store = new CompletionStore(await loadJsonlFile(options.dataFile));
    const { size: completions, messageCount: messages } = store;
    return { mode: { kind: 'file', file: options.dataFile, completions, messages }, store };
  }
  const store = new CompletionStore(generateDemoDataset({ origin: DEMO_ORIGIN_PLACEHOLDER }));
  return {
    mode: { kind: 'demo', completions: store.size, messages: store.messageCount },
    store,
    originPlaceholder: DEMO_ORIGIN_PLACEHOLDER,
  };
}
