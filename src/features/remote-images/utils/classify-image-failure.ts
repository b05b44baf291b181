/**
 * Why an image part did not show, from what the browser lets the page know (see
 * use-image-failure.ts for how each piece of evidence is gathered, and docs/security.md for
 * what Chromium exposes). An `<img>` error event carries no reason at all, so the message is
 * only as precise as the evidence: where two causes can't be told apart, it names both.
 */

export type ImageFailureCause =
  /** A Content-Security-Policy (img-src) refused it: ours, or the one of the viewer's host. */
  | 'policy'
  /** An https: viewer and an http: image: the browser upgraded it to https://, which failed. */
  | 'mixed-content'
  /** 404, 410 (gone), 401 or 403 (expired signature, needs a login). */
  | 'not-found'
  /** Any other error status (5xx, 429, …). */
  | 'http-error'
  /** No answer: connection refused, host unreachable, name not resolved. */
  | 'network'
  /** A 2xx answer that is not an image: an HTML or text page, or undecodable bytes. */
  | 'not-an-image'
  /** The host answered, but the browser hides with what: an error or a non-image. */
  | 'error-or-not-an-image'
  /** Nothing is known beyond "it failed". */
  | 'unknown';

export interface ImageFailureEvidence {
  /** The image's URL (http: or https:). */
  url: string;
  /** The viewer page's URL (location.href). */
  pageUrl: string;
  /** The browser reported a `securitypolicyviolation` (img-src) for this URL. */
  blockedByPolicy: boolean;
  /**
   * The answer's status and type, when the browser shows them to the page: for a same-origin
   * image (Resource Timing's responseStatus and contentType) or a CORS answer. Status 0: the
   * request got no answer. Null for a cross-origin image without CORS: the browser hides it.
   */
  response: { status: number; contentType: string } | null;
  /**
   * A no-cors request for the same URL (made only where the page's connect-src allows it):
   * 'answered' when the host sent any HTTP answer (the response is opaque, so not which),
   * 'no-answer' when it failed as a network error; null when not made.
   */
  probe: 'answered' | 'no-answer' | null;
}

export interface ImageFailure {
  cause: ImageFailureCause;
  title: string;
  /** What happened, as far as the browser tells. */
  reason: string;
  /** What the reader can do about it. */
  advice: string;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  203: 'Non-Authoritative Information',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const statusLabel = (status: number) =>
  STATUS_TEXT[status] ? `${status} ${STATUS_TEXT[status]}` : `HTTP ${status}`;

const OPEN_DIRECTLY = 'Open the image directly to see what its host answers.';

/**
 * Hosts a browser does not upgrade from http: to https: on an https: page: loopback names
 * (trustworthy already) and IP addresses (Chromium: "not upgraded because its URL's host is an
 * IP address"; it loads them as mixed content instead).
 */
function upgradedOnHttpsPage(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return false;
  if (name.startsWith('[')) return false; // IPv6 literal
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return false;
  return true;
}

export function classifyImageFailure(evidence: ImageFailureEvidence): ImageFailure {
  let url: URL;
  let page: URL | null = null;
  try {
    url = new URL(evidence.url);
  } catch {
    return unknown('its host');
  }
  try {
    page = new URL(evidence.pageUrl);
  } catch {
    // No page URL: the checks that need it are skipped.
  }
  const host = url.host;

  if (evidence.blockedByPolicy) {
    return {
      cause: 'policy',
      title: 'Blocked by policy',
      reason: `This page’s Content-Security-Policy (img-src) does not allow images from ${url.origin}, so the browser did not ask for it.`,
      advice:
        'Open the image directly, or allow its origin in the viewer’s img-src (VIEWER_IMG_SRC, or the CSP header of the host serving the viewer).',
    };
  }

  if (
    page?.protocol === 'https:' &&
    url.protocol === 'http:' &&
    upgradedOnHttpsPage(url.hostname)
  ) {
    return {
      cause: 'mixed-content',
      title: 'Blocked: mixed content',
      reason: `This viewer is served over HTTPS and the image over plain http:, so the browser asked for https://${host} instead, and that failed.`,
      advice:
        'Open the image directly, serve the viewer over http on localhost, or host the image over https.',
    };
  }

  const response = evidence.response;
  if (response && response.status > 0) {
    const { status } = response;
    if (status === 404 || status === 410) {
      return {
        cause: 'not-found',
        title: status === 410 ? 'Image gone' : 'Image not found',
        reason: `${host} answered ${statusLabel(status)}: the image no longer exists there, or its link has expired (signed links expire).`,
        advice: 'Ask whoever stored it for a fresh link, or find the image where it came from.',
      };
    }
    if (status === 401 || status === 403) {
      return {
        cause: 'not-found',
        title: 'Image refused',
        reason: `${host} answered ${statusLabel(status)}: its link has expired (signed links expire) or it needs a login, and the viewer sends no cookies.`,
        advice: 'Ask for a fresh link, or open the image directly where you are signed in.',
      };
    }
    if (status >= 400) {
      return {
        cause: 'http-error',
        title: 'Server error',
        reason: `${host} answered ${statusLabel(status)} instead of the image.`,
        advice: `It may be a passing fault: reload later. ${OPEN_DIRECTLY}`,
      };
    }
    const type = response.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    return {
      cause: 'not-an-image',
      title: 'Not an image',
      reason:
        type === '' || type.startsWith('image/')
          ? `${host} answered ${statusLabel(status)}${type ? ` with ${type}` : ''}, but the bytes are not an image the browser can decode (damaged, or another format).`
          : `${host} answered ${statusLabel(status)} with ${type}, not an image: the URL leads to a page or a file rather than to the image.`,
      advice: OPEN_DIRECTLY,
    };
  }

  if (response?.status === 0 || evidence.probe === 'no-answer') {
    return {
      cause: 'network',
      title: 'Host unreachable',
      reason: `No answer from ${host}: it is down, refused the connection, or its name does not resolve from this browser.`,
      advice: 'Check that the server is running and reachable from this machine, then try again.',
    };
  }

  if (evidence.probe === 'answered') {
    return {
      cause: 'error-or-not-an-image',
      title: 'Image not shown',
      reason: `${host} answered with an error (such as 404 or 403: signed links expire) or with something that is not an image. The browser does not let this page see which.`,
      advice: OPEN_DIRECTLY,
    };
  }

  return unknown(host);
}

function unknown(host: string): ImageFailure {
  return {
    cause: 'unknown',
    title: 'Image failed to load',
    reason: `${host} could not be reached, answered with an error (such as 404 or 403: signed links expire), or sent something that is not an image. The browser does not tell this page which.`,
    advice: OPEN_DIRECTLY,
  };
}
