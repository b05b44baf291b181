export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export type BaseUrlCheck =
  { ok: true; baseURL: string; warning: string | null } | { ok: false; reason: string };

/**
 * Validates the base URL of a direct connection: an absolute http(s) URL with no credentials,
 * query or fragment. Trailing slashes are dropped. A path not ending in /v1 is allowed (some
 * compatible servers differ) but gets a warning, as does http from an https page (the browser
 * blocks that as mixed content).
 */
export function checkBaseUrl(input: string, pageProtocol?: string): BaseUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'Enter the base URL, e.g. ' + DEFAULT_BASE_URL };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'Not a URL: it should look like ' + DEFAULT_BASE_URL };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'The base URL must start with https:// or http://' };
  if (url.username || url.password)
    return {
      ok: false,
      reason: 'Put no user name or password in the URL; the key has its own field',
    };
  if (url.search || url.hash || text.includes('?') || text.includes('#'))
    return { ok: false, reason: 'The base URL takes no query (?…) or fragment (#…)' };
  const baseURL = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  let warning: string | null = null;
  if (pageProtocol === 'https:' && url.protocol === 'http:')
    warning = 'This page is served over https: the browser will block requests to an http URL.';
  else if (!/\/v1$/.test(url.pathname.replace(/\/+$/, '')))
    warning = 'OpenAI’s base URL ends in /v1; check the path if the test fails with 404.';
  return { ok: true, baseURL, warning };
}
