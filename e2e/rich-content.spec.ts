import { expect, test } from '@playwright/test';
import { RICH_CITED, RICH_TRANSCRIPTS } from '../server/data/special-rich.ts';
import { DEMO_IDS, fixClock, scrollToEnd } from './helpers.ts';

test.describe('citations, audio, other fields, copy', () => {
  test('url citations link their span to the source; the javascript: one never becomes a link', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.rich}`);
    await scrollToEnd(page);
    const answer = page.getByTestId('answer-choice');
    await expect(answer.getByTestId('markdown')).toBeVisible();

    const etymology = answer.getByRole('link', { name: RICH_CITED.etymology });
    await expect(etymology).toHaveAttribute('href', 'https://en.wikipedia.org/wiki/Caf%C3%A9');
    await expect(etymology).toHaveAttribute('title', 'Café – Wikipedia');
    await expect(etymology).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(etymology).toHaveAttribute('target', '_blank');
    await expect(answer.getByRole('link', { name: RICH_CITED.listed })).toHaveAttribute(
      'href',
      'https://platform.openai.com/docs/api-reference/chat/list',
    );
    // Already a markdown link: stays that one link, not nested.
    await expect(answer.getByRole('link', { name: 'platform.openai.com' })).toHaveCount(1);
    // The unsafe one: its text is there, not as a link, and no javascript: anywhere.
    await expect(answer.getByTestId('markdown')).toContainText(RICH_CITED.unsafe);
    await expect(answer.getByRole('link', { name: RICH_CITED.unsafe })).toHaveCount(0);
    await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);

    const sources = answer.getByTestId('citation-source');
    await expect(sources).toHaveCount(7);
    await expect(sources.nth(0).getByRole('link', { name: 'Café – Wikipedia' })).toHaveAttribute(
      'href',
      'https://en.wikipedia.org/wiki/Caf%C3%A9',
    );
    await expect(sources.nth(0)).toContainText(`cites “${RICH_CITED.etymology}”`);
    await expect(sources.nth(2)).toContainText(`cites “${RICH_CITED.pagination}”`);
    await expect(sources.nth(5)).toContainText('Totally legit source');
    await expect(sources.nth(5)).toContainText('not a link');
    await expect(sources.nth(5).getByRole('link')).toHaveCount(0);
    await expect(sources.nth(6)).toContainText('lies outside the text');

    // As stored: the text exactly as stored, the cited spans still linked.
    await answer.getByRole('button', { name: 'As stored' }).click();
    await expect(answer.getByTestId('text-as-stored')).toContainText('**Café au lait**');
    await expect(answer.getByRole('link', { name: RICH_CITED.etymology })).toHaveAttribute(
      'href',
      'https://en.wikipedia.org/wiki/Caf%C3%A9',
    );
    await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  });

  test('assistant audio: transcript, id, expiry, and a playable player from a Blob URL', async ({
    page,
    request,
  }) => {
    // Expiry is written relative to the page's clock: 12 hours after the demo's newest data.
    await fixClock(page);
    await page.goto(`/completions/${DEMO_IDS.rich}`);
    const audios = page.getByTestId('assistant-audio');
    await expect(audios).toHaveCount(2);
    const [expired, future] = [audios.nth(0), audios.nth(1)];
    await expect(expired.getByTestId('audio-transcript')).toHaveText(RICH_TRANSCRIPTS.expired);
    await expect(expired).toContainText('audio_6f1c0d9e2b8a4c7f9e3d5a1b');
    // An hour after the completion (2026-10-29 14:24 UTC).
    await expect(expired.locator('time')).toHaveAttribute('datetime', '2026-10-29T15:24:00.000Z');
    await expect(expired.getByTestId('audio-expiry')).toHaveText('(expired 3 days ago)');
    await expect(future.getByTestId('audio-transcript')).toHaveText(RICH_TRANSCRIPTS.future);
    await expect(future.locator('time')).toHaveAttribute('datetime', '2046-10-27T00:00:00.000Z');
    await expect(future.getByTestId('audio-expiry')).toHaveText('(expires in 20 years)');
    await expect(expired.getByTestId('audio-format')).toContainText('audio/wav');

    const durations = await page.getByTestId('audio-player').evaluateAll((elements) =>
      Promise.all(
        (elements as HTMLAudioElement[]).map(
          (audio) =>
            new Promise<{ duration: number; src: string }>((resolve, reject) => {
              const done = () => resolve({ duration: audio.duration, src: audio.currentSrc });
              if (audio.readyState >= 1) done();
              else {
                audio.addEventListener('loadedmetadata', done, { once: true });
                audio.addEventListener('error', () => reject(new Error('audio error')), {
                  once: true,
                });
                audio.load();
              }
            }),
        ),
      ),
    );
    expect(durations).toHaveLength(2);
    expect(durations[0]!.duration).toBeCloseTo(0.4, 1);
    expect(durations[1]!.duration).toBeCloseTo(0.3, 1);
    for (const { src } of durations) expect(src).toMatch(/^blob:/);

    // The base64 never reaches the DOM.
    const messages = (await (
      await request.get(`/v1/chat/completions/${DEMO_IDS.rich}/messages?limit=100`)
    ).json()) as { data: { audio?: { data: string } }[] };
    const data = messages.data.find((m) => m.audio)!.audio!.data;
    expect(await page.content()).not.toContain(data.slice(100, 200));

    // Leaving the conversation frees the Blob URL.
    await page.getByRole('link', { name: '← All stored completions' }).click();
    await expect(page.getByTestId('completion-header')).toHaveCount(0);
    const freed = await page.evaluate(
      (src) =>
        fetch(src).then(
          () => false,
          () => true,
        ),
      durations[0]!.src,
    );
    expect(freed).toBe(true);
  });

  test('an unknown field is a chip that expands to its whole JSON from the keyboard', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.rich}`);
    const message = page.locator(`[data-message-id="${DEMO_IDS.rich}-2"]`);
    const chip = message.getByRole('button', { name: /^x_moderation: / });
    await expect(chip).toHaveAttribute('aria-expanded', 'false');
    await chip.focus();
    await page.keyboard.press('Enter');
    await expect(chip).toHaveAttribute('aria-expanded', 'true');
    const json = message.getByLabel('Field x_moderation of message #2');
    await expect(json).toContainText('"checked_by": "omni-moderation-latest"');
    await expect(json).toContainText('"violence": 0.00021');
    await page.keyboard.press('Space');
    await expect(json).toHaveCount(0);
    await expect(chip).toHaveAttribute('aria-expanded', 'false');
  });

  test('copy a message as text or as JSON', async ({ page, context, request }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const call = page.locator(`[data-message-id="${DEMO_IDS.tools}-2"]`);
    await call.getByRole('button', { name: 'Copy text of message #2' }).click();
    await expect(call.getByRole('button', { name: 'Copy text of message #2' })).toHaveText(
      'Copied',
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      [
        'get_weather({"city":"Paris","unit":"celsius"})',
        'get_weather({"city":"Tokyo","unit":"celsius"})',
        'lookup_order({"order_id": "A-1042", "include": ["items", "shipping")',
      ].join('\n\n'),
    );

    await call.getByRole('button', { name: 'Copy JSON of message #2' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const stored = (await (
      await request.get(`/v1/chat/completions/${DEMO_IDS.tools}/messages?limit=3`)
    ).json()) as { data: unknown[] };
    expect(copied).toBe(JSON.stringify(stored.data[2], null, 2));

    const user = page.locator(`[data-message-id="${DEMO_IDS.tools}-1"]`);
    await user.getByRole('button', { name: 'Copy text of message #1' }).click();
    await expect(user.getByRole('button', { name: 'Copy text of message #1' })).toHaveText(
      'Copied',
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      "What's the weather in Paris and Tokyo right now? And where is my order A-1042?",
    );
  });
});
