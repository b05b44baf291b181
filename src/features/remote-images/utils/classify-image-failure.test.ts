import { describe, expect, it } from 'vitest';
import { classifyImageFailure, type ImageFailureEvidence } from './classify-image-failure.ts';

const PAGE = 'http://127.0.0.1:4173/completions/chatcmpl-1';
const IMAGE = 'http://images.example:8080/img/checker.png';

const classify = (evidence: Partial<ImageFailureEvidence>) =>
  classifyImageFailure({
    url: IMAGE,
    pageUrl: PAGE,
    blockedByPolicy: false,
    response: null,
    probe: null,
    ...evidence,
  });

describe('classifyImageFailure', () => {
  it('blocked by policy: names the CSP and the origin, whatever else is known', () => {
    const failure = classify({ blockedByPolicy: true, probe: 'no-answer' });
    expect(failure.cause).toBe('policy');
    expect(failure.reason).toContain('Content-Security-Policy (img-src)');
    expect(failure.reason).toContain('http://images.example:8080');
    expect(failure.advice).toContain('VIEWER_IMG_SRC');
    expect(failure.reason + failure.advice).not.toContain('expire');
  });

  it('mixed content: an https viewer and an http image on a name the browser upgrades', () => {
    const failure = classify({ pageUrl: 'https://viewer.example/completions/x' });
    expect(failure.cause).toBe('mixed-content');
    expect(failure.reason).toContain('served over HTTPS');
    expect(failure.reason).toContain('https://images.example:8080');
    for (const way of ['Open the image directly', 'http on localhost', 'over https'])
      expect(failure.advice).toContain(way);
    expect(failure.reason + failure.advice).not.toContain('expire');
  });

  it('no mixed content for hosts a browser does not upgrade (loopback, IP addresses)', () => {
    for (const url of [
      'http://127.0.0.1:18081/a.png',
      'http://localhost:18081/a.png',
      'http://dev.localhost/a.png',
      'http://192.168.1.20/a.png',
      'http://[::1]:8080/a.png',
    ])
      expect(classify({ url, pageUrl: 'https://viewer.example/' }).cause, url).not.toBe(
        'mixed-content',
      );
    // An https image on an https page, or any image on an http page, is not mixed content.
    expect(
      classify({ url: 'https://cdn.example/a.png', pageUrl: 'https://v.example/' }).cause,
    ).toBe('unknown');
  });

  it('not found / expired: 404, 410, 401, 403 (and only these mention signed links)', () => {
    for (const [status, title] of [
      [404, 'Image not found'],
      [410, 'Image gone'],
      [403, 'Image refused'],
      [401, 'Image refused'],
    ] as const) {
      const failure = classify({ response: { status, contentType: 'text/html' } });
      expect(failure.cause, String(status)).toBe('not-found');
      expect(failure.title).toBe(title);
      expect(failure.reason).toContain(String(status));
      expect(failure.reason).toContain('signed links expire');
    }
    expect(classify({ response: { status: 404, contentType: '' } }).reason).toContain(
      '404 Not Found',
    );
    expect(classify({ response: { status: 403, contentType: '' } }).reason).toContain(
      '403 Forbidden',
    );
  });

  it('other error statuses are server errors, with the status', () => {
    const failure = classify({ response: { status: 503, contentType: 'text/plain' } });
    expect(failure.cause).toBe('http-error');
    expect(failure.reason).toContain('503 Service Unavailable');
    expect(classify({ response: { status: 418, contentType: '' } }).reason).toContain('HTTP 418');
    expect(failure.reason + failure.advice).not.toContain('expire');
  });

  it('not an image: a 200 with a page, or with bytes that do not decode', () => {
    const html = classify({ response: { status: 200, contentType: 'text/html; charset=utf-8' } });
    expect(html.cause).toBe('not-an-image');
    expect(html.reason).toContain('text/html, not an image');
    const broken = classify({ response: { status: 200, contentType: 'image/png' } });
    expect(broken.cause).toBe('not-an-image');
    expect(broken.reason).toContain('image/png');
    expect(broken.reason).toContain('not an image the browser can decode');
    expect(html.reason + html.advice + broken.reason).not.toContain('expire');
  });

  it('network error: no answer (same-origin status 0, or a probe that failed)', () => {
    for (const evidence of [
      { probe: 'no-answer' as const },
      { response: { status: 0, contentType: '' } },
    ]) {
      const failure = classify(evidence);
      expect(failure.cause).toBe('network');
      expect(failure.reason).toContain('No answer from images.example:8080');
      expect(failure.reason).toContain('refused the connection');
      expect(failure.reason + failure.advice).not.toContain('expire');
    }
  });

  it('answered, but the browser hides with what: says both, and that it cannot tell', () => {
    const failure = classify({ probe: 'answered' });
    expect(failure.cause).toBe('error-or-not-an-image');
    expect(failure.reason).toContain('an error (such as 404 or 403');
    expect(failure.reason).toContain('not an image');
    expect(failure.reason).toContain('does not let this page see which');
  });

  it('nothing known: names every possibility rather than guessing', () => {
    const failure = classify({});
    expect(failure.cause).toBe('unknown');
    expect(failure.reason).toContain('could not be reached');
    expect(failure.reason).toContain('answered with an error');
    expect(failure.reason).toContain('not an image');
    expect(failure.advice).toContain('Open the image directly');
  });

  it('a status, when known, wins over a probe', () => {
    expect(classify({ response: { status: 404, contentType: '' }, probe: 'answered' }).cause).toBe(
      'not-found',
    );
  });
});
