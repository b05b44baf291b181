import { describe, expect, it } from 'vitest';
import { cspAllows, parseCsp } from './csp-allows.ts';

const PAGE = 'http://127.0.0.1:4173/completions/x';
// The viewer's own policy (server/security.ts), as the e2e server sends it.
const VIEWER =
  "default-src 'self'; script-src 'self'; img-src 'self' data: blob: http: https:; connect-src 'self' data: https://api.openai.com http://127.0.0.1:*; object-src 'none'";

const allows = (header: string, directive: 'connect-src' | 'img-src', url: string, page = PAGE) =>
  cspAllows(parseCsp(header), directive, url, page);

describe('cspAllows', () => {
  it('reads the viewer’s own policy', () => {
    expect(allows(VIEWER, 'connect-src', 'http://127.0.0.1:4173/v1/x')).toBe(true); // 'self'
    expect(allows(VIEWER, 'connect-src', 'http://127.0.0.1:18081/a.png')).toBe(true); // :*
    expect(allows(VIEWER, 'connect-src', 'https://api.openai.com/v1/chat')).toBe(true);
    expect(allows(VIEWER, 'connect-src', 'http://localhost:18081/a.png')).toBe(false);
    expect(allows(VIEWER, 'connect-src', 'https://images.example/a.png')).toBe(false);
    expect(allows(VIEWER, 'connect-src', 'http://api.openai.com/v1')).toBe(false);
    expect(allows(VIEWER, 'img-src', 'http://images.example/a.png')).toBe(true);
    expect(allows(VIEWER, 'img-src', 'https://images.example/a.png')).toBe(true);
  });

  it('schemes: http: also allows https: (an upgrade), not the other way round', () => {
    expect(allows("img-src 'self' http:", 'img-src', 'https://a.example/x.png')).toBe(true);
    expect(allows("img-src 'self' https:", 'img-src', 'http://a.example/x.png')).toBe(false);
    expect(allows("img-src 'self' https:", 'img-src', 'https://a.example/x.png')).toBe(true);
  });

  it('hosts: exact, *. wildcards (not the bare domain), ports, default ports, paths', () => {
    const csp = 'connect-src https://*.example.com http://10.0.0.5:8080 https://cdn.example/img/';
    expect(allows(csp, 'connect-src', 'https://a.example.com/x')).toBe(true);
    expect(allows(csp, 'connect-src', 'https://a.b.example.com/x')).toBe(true);
    expect(allows(csp, 'connect-src', 'https://example.com/x')).toBe(false);
    expect(allows(csp, 'connect-src', 'https://a.example.com:8443/x')).toBe(false);
    expect(allows(csp, 'connect-src', 'http://10.0.0.5:8080/x')).toBe(true);
    expect(allows(csp, 'connect-src', 'http://10.0.0.5:8081/x')).toBe(false);
    expect(allows(csp, 'connect-src', 'https://cdn.example/img/a.png')).toBe(true);
    expect(allows(csp, 'connect-src', 'https://cdn.example/other/a.png')).toBe(false);
    expect(allows('connect-src http://a.example', 'connect-src', 'https://a.example/x')).toBe(true);
  });

  it('a host without a scheme takes the page’s', () => {
    expect(allows('connect-src a.example', 'connect-src', 'http://a.example/x')).toBe(true);
    expect(
      allows('connect-src a.example', 'connect-src', 'http://a.example/x', 'https://v.example/'),
    ).toBe(false);
  });

  it('falls back to default-src; no directive at all allows everything', () => {
    expect(allows("default-src 'self'", 'connect-src', 'http://a.example/x')).toBe(false);
    expect(allows("default-src 'self'", 'connect-src', 'http://127.0.0.1:4173/x')).toBe(true);
    expect(allows("script-src 'self'", 'connect-src', 'http://a.example/x')).toBe(true);
    expect(allows('', 'connect-src', 'http://a.example/x')).toBe(true);
  });

  it("'none', nonces and other keywords allow nothing; * allows network schemes", () => {
    expect(allows("connect-src 'none'", 'connect-src', 'http://127.0.0.1:4173/x')).toBe(false);
    expect(allows("connect-src 'nonce-abc'", 'connect-src', 'http://a.example/x')).toBe(false);
    expect(allows('connect-src *', 'connect-src', 'https://a.example/x')).toBe(true);
    expect(allows('connect-src *', 'connect-src', 'data:image/png,x')).toBe(false);
  });

  it('every policy must allow it (several headers)', () => {
    const two = "connect-src 'self' http:, connect-src 'self'";
    expect(parseCsp(two)).toHaveLength(2);
    expect(allows(two, 'connect-src', 'http://a.example/x')).toBe(false);
    expect(allows(two, 'connect-src', 'http://127.0.0.1:4173/x')).toBe(true);
  });

  it('a URL that does not parse is not allowed', () => {
    expect(allows(VIEWER, 'img-src', 'not a url')).toBe(false);
  });
});
