/**
 * The syntax highlighter (highlight.js core through lowlight, which yields a tree instead of an
 * HTML string), loaded lazily by use-highlighted-code.ts: never in the initial bundle. Its
 * output becomes React elements here; nothing is ever parsed as HTML.
 */
import type { LanguageFn } from 'highlight.js';
import type { RootContent } from 'hast';
import { createLowlight } from 'lowlight';
import { createElement, type ReactNode } from 'react';
import { LruCache } from './lru-cache.ts';
import './highlight-theme.css';

const lowlight = createLowlight();

export function registerGrammar(name: string, grammar: LanguageFn): void {
  if (!lowlight.registered(name)) lowlight.register(name, grammar);
}

export function isRegistered(name: string): boolean {
  return lowlight.registered(name);
}

/** Only highlight.js's own class names (`hljs-keyword`, `function_`) pass. */
const TOKEN_CLASS = /^[\w-]+$/;

function toReact(nodes: readonly RootContent[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.type === 'text') return node.value;
    if (node.type !== 'element') return null;
    const classes = node.properties.className;
    const className = Array.isArray(classes)
      ? classes.filter((c): c is string => typeof c === 'string' && TOKEN_CLASS.test(c)).join(' ')
      : undefined;
    return createElement('span', { key: index, className }, ...toReact(node.children));
  });
}

// Rows remount as the list scrolls; the same block must not be highlighted again each time.
const cache = new LruCache<string, ReactNode>(300, 2_000_000);

/** Highlighted code as React elements (cached), for a registered grammar. */
export function highlightToReact(code: string, grammar: string): ReactNode {
  const key = `${grammar}\n${code}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let out: ReactNode;
  try {
    out = toReact(lowlight.highlight(grammar, code).children);
  } catch {
    out = code; // A grammar that throws on odd input: the code stays readable.
  }
  cache.set(key, out, code.length);
  return out;
}
