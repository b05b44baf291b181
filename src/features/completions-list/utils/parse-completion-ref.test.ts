import { describe, expect, it } from 'vitest';
import { parseCompletionRef } from './parse-completion-ref.ts';

const id = 'chatcmpl-AyPNinnUqUDYo9SAdA52NobMflmj2';

describe('parseCompletionRef', () => {
  it.each([
    [id, id, undefined],
    [`  ${id}\n`, id, undefined],
    [`${id}-12`, id, `${id}-12`],
    [`http://127.0.0.1:4173/completions/${id}`, id, undefined],
    [`https://viewer.example/completions/${id}/messages/${id}-3`, id, `${id}-3`],
    [`https://api.openai.com/v1/chat/completions/${id}`, id, undefined],
    [`https://api.openai.com/v1/chat/completions/${id}/messages?limit=5`, id, undefined],
    [`https://platform.openai.com/logs/${id}`, id, undefined],
    [`https://platform.openai.com/logs?selected=${id}`, id, undefined],
    [`/completions/${id}`, id, undefined],
    ['resp_custom-server:42', 'resp_custom-server:42', undefined],
    // As copied from JSON or code: in quotes, with the comma that followed.
    [`"${id}"`, id, undefined],
    [`"${id}",`, id, undefined],
    [` '${id}', \n`, id, undefined],
    [`\`${id}-4\`;`, id, `${id}-4`],
    [`“${id}”`, id, undefined],
    [`"https://api.openai.com/v1/chat/completions/${id}",`, id, undefined],
  ])('reads %s', (input, completionId, messageId) => {
    const ref = parseCompletionRef(input);
    expect(ref).toEqual(
      messageId ? { ok: true, completionId, messageId } : { ok: true, completionId },
    );
  });

  it.each([
    ['', /Enter a completion id/],
    ['   ', /Enter a completion id/],
    ['chatcmpl abc', /not a completion id/],
    ['../../etc/passwd', /not a completion id/],
    ['<script>alert(1)</script>', /not a completion id/],
    ['https://platform.openai.com/settings', /No completion id/],
    ['http://', /not a valid URL/],
    ['x'.repeat(300), /not a completion id/],
    // Only a pair of matching quotes is taken off.
    [`"${id}'`, /not a completion id/],
    [`"${id}`, /not a completion id/],
    ['""', /Enter a completion id/],
    ['",', /not a completion id/],
  ])('refuses %j', (input, reason) => {
    const ref = parseCompletionRef(input);
    expect(ref.ok).toBe(false);
    if (!ref.ok) expect(ref.reason).toMatch(reason);
  });
});
