import { formatNumber } from '@/lib/format.ts';
import type { ImageTokenEstimate } from '@/lib/vision/estimate-image-tokens.ts';
import { PATCH_RULE, TILE_RULE, VISION_GUIDE } from '@/lib/vision/vision-token-rules.ts';

/**
 * The estimated input tokens of the image for the completion's model, with the rule applied
 * and its steps on this image's numbers. Unknown models get no figure, never a guess.
 */
export function TokenEstimatePanel({
  model,
  estimate,
  waitingFor,
}: {
  model: string | null;
  estimate: ImageTokenEstimate | null;
  /** Why there is no estimate yet (no model, no size), when there isn't. */
  waitingFor: string | null;
}) {
  return (
    <section aria-labelledby="inspector-tokens" className="flex flex-col gap-2">
      <h3 id="inspector-tokens" className="font-semibold">
        Estimated input tokens
      </h3>
      {!estimate || !model ? (
        <p className="text-slate-600">{waitingFor}</p>
      ) : estimate.kind === 'unknown-model' ? (
        <p className="text-slate-700" data-testid="token-unknown-model">
          <strong>unknown model</strong>: OpenAI’s vision guide gives no rule for{' '}
          <code className="font-mono">{model}</code>, so there is no estimate.
        </p>
      ) : (
        <>
          <p className="text-slate-700">
            Model <code className="font-mono">{model}</code> matches “
            <code className="font-mono">{estimate.match.prefix}</code>”: the guide’s row for{' '}
            <strong>{estimate.match.family.label}</strong>.
          </p>
          <p className="text-slate-700" data-testid="token-rule">
            {estimate.kind === 'tile' ? (
              <>
                <strong>Tile-based rule</strong>: low detail {estimate.match.family.baseTokens}{' '}
                tokens; high detail {estimate.match.family.baseTokens} +{' '}
                {estimate.match.family.tileTokens} per {TILE_RULE.tileSize}-px tile.
              </>
            ) : (
              <>
                <strong>Patch-based rule</strong>: {PATCH_RULE.patchSize}-px patches (at most{' '}
                {formatNumber(PATCH_RULE.maxPatches)}) × {estimate.match.family.multiplier}.
              </>
            )}
          </p>
          {estimate.detail.unrecognized != null && (
            <p className="text-amber-800">
              detail “{estimate.detail.unrecognized}” is not one the API takes; estimated as auto.
            </p>
          )}
          {estimate.kind === 'tile' ? (
            <>
              {estimate.cases.length > 1 && (
                <p className="text-slate-600">
                  detail {estimate.detail.defaulted ? 'not set (auto)' : 'auto'}: the model picks
                  low or high, so both are shown.
                </p>
              )}
              {estimate.cases.map((c) => (
                <div
                  key={c.detail}
                  className="rounded-md border border-slate-200 p-2"
                  data-testid={`token-case-${c.detail}`}
                >
                  <p>
                    <span className="mr-2 rounded bg-slate-200 px-1.5 text-xs font-medium">
                      {c.detail}
                    </span>
                    <strong className="text-lg tabular-nums" data-testid="token-figure">
                      {formatNumber(c.tokens)}
                    </strong>{' '}
                    tokens
                  </p>
                  <ol className="mt-1 list-decimal pl-5 text-xs text-slate-600">
                    {c.steps.map((step) => (
                      <li key={step}>{step}</li>
                    ))}
                  </ol>
                </div>
              ))}
            </>
          ) : (
            <div className="rounded-md border border-slate-200 p-2" data-testid="token-case-patch">
              <p>
                <strong className="text-lg tabular-nums" data-testid="token-figure">
                  {formatNumber(estimate.estimate.tokens)}
                </strong>{' '}
                tokens
              </p>
              <ol className="mt-1 list-decimal pl-5 text-xs text-slate-600">
                {estimate.estimate.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
              <p className="mt-1 text-xs text-slate-500">
                The detail level does not change a patch-based count.
              </p>
            </div>
          )}
        </>
      )}
      <p className="text-xs text-slate-500">
        An estimate from{' '}
        <a
          href={VISION_GUIDE.url}
          target="_blank"
          rel="noopener noreferrer"
          className="underline hover:text-slate-800"
        >
          OpenAI’s vision guide
        </a>{' '}
        (checked {VISION_GUIDE.checked}), not the billed figure: the completion’s usage has that.
      </p>
    </section>
  );
}
