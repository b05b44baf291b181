import { describe, expect, it } from 'vitest';
import { conversationIdsFromPath } from './route-params.ts';

const path = (completionId: string, messageId?: string) =>
  `/completions/${encodeURIComponent(completionId)}` +
  (messageId === undefined ? '' : `/messages/${encodeURIComponent(messageId)}`);

// Found by the schema fuzz (odd-ids family): "100% sure + space" opened as
// "100% sure %2B space", a completion that does not exist, because the router's params had been
// decoded once already.
describe('conversationIdsFromPath', () => {
  it.each([
    'chatcmpl-abc',
    '100% sure + space .. ok',
    'a%2Fb literal',
    '%41 is not A',
    'chatcmpl-a/b?c=d&e#f',
    '🚀 emoji ✨ مرحبا שלום',
    ' leading and trailing ',
  ])('round-trips %j', (id) => {
    expect(conversationIdsFromPath(path(id))).toEqual({ completionId: id, messageId: null });
    expect(conversationIdsFromPath(path(id, `${id}-7`))).toEqual({
      completionId: id,
      messageId: `${id}-7`,
    });
  });

  it('is null for other paths', () => {
    expect(conversationIdsFromPath('/')).toBeNull();
    expect(conversationIdsFromPath('/completions/')).toBeNull();
    expect(conversationIdsFromPath('/completions/a/b')).toBeNull();
  });
});
