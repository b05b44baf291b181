import {
  NON_VISION_PREFIXES,
  PATCH_RULE,
  TILE_RULE,
  VISION_FAMILIES,
  type PatchFamily,
  type TileFamily,
  type VisionFamily,
} from './vision-token-rules.ts';
import { formatNumber } from '@/lib/format.ts';

export interface Size {
  width: number;
  height: number;
}

/** The `detail` the request sent; the API's default (absent) is `auto`. */
export type Detail = 'low' | 'high' | 'auto';

export interface DetailSent {
  detail: Detail;
  /** What the part said, when it was not one of the API's three values (estimated as auto). */
  unrecognized: string | null;
  /** True when the part had no `detail` (the API then uses auto). */
  defaulted: boolean;
}

export function readDetail(detail: string | undefined | null): DetailSent {
  if (detail == null || detail === '')
    return { detail: 'auto', unrecognized: null, defaulted: true };
  if (detail === 'low' || detail === 'high' || detail === 'auto')
    return { detail, unrecognized: null, defaulted: false };
  return { detail: 'auto', unrecognized: detail, defaulted: false };
}

export interface FamilyMatch {
  family: VisionFamily;
  /** The prefix of the family that the model id matched (for "gpt-4o-2024-08-06": "gpt-4o"). */
  prefix: string;
}

const PREFIXES: readonly (readonly [string, VisionFamily | null])[] = [
  ...VISION_FAMILIES.flatMap((family) => family.prefixes.map((p) => [p, family] as const)),
  ...NON_VISION_PREFIXES.map((p) => [p, null] as const),
];

const startsFamily = (model: string, prefix: string) =>
  model === prefix || model.startsWith(`${prefix}-`);

/**
 * The vision family of a model id, by the longest matching prefix; null when the guide has no
 * rule for it. Fine-tuned ids (`ft:gpt-4o-2024-08-06:org::id`) count as their base model.
 */
export function matchVisionFamily(model: string): FamilyMatch | null {
  let id = model.trim().toLowerCase();
  if (id.startsWith('ft:')) id = id.split(':')[1] ?? '';
  let best: { prefix: string; family: VisionFamily | null } | null = null;
  for (const [prefix, family] of PREFIXES) {
    if (startsFamily(id, prefix) && (!best || prefix.length > best.prefix.length))
      best = { prefix, family };
  }
  return best?.family ? { family: best.family, prefix: best.prefix } : null;
}

/** Whole pixels, without letting floating-point error (1407.9999…) lose one. */
const px = (value: number) => Math.max(1, Math.floor(value + 1e-6));

function scaleTo(size: Size, factor: number): Size {
  return { width: px(size.width * factor), height: px(size.height * factor) };
}

/** Scales down (never up) so that both sides fit within `box` × `box`. */
export function fitWithin(size: Size, box: number): Size {
  const longest = Math.max(size.width, size.height);
  return longest > box ? scaleTo(size, box / longest) : { ...size };
}

const n = (value: number) => formatNumber(value);
const dims = (size: Size) => `${size.width} × ${size.height}`;

export interface TileEstimate {
  detail: 'low' | 'high';
  tokens: number;
  /** The image the model gets: 512-px-fitted for low, the tiled size for high. */
  resized: Size;
  /** High detail: 512-px tiles across and down; null for low detail. */
  tiles: { columns: number; rows: number; count: number } | null;
  /** The guide's steps, with this image's numbers. */
  steps: string[];
}

export function estimateTileTokens(
  size: Size,
  detail: 'low' | 'high',
  family: Pick<TileFamily, 'baseTokens' | 'tileTokens'>,
): TileEstimate {
  const { baseTokens, tileTokens } = family;
  if (detail === 'low') {
    const resized = fitWithin(size, TILE_RULE.lowDetailSize);
    return {
      detail,
      tokens: baseTokens,
      resized,
      tiles: null,
      steps: [
        `Low detail is a fixed ${n(baseTokens)} tokens, whatever the size.`,
        `The model gets a low-resolution version within ${TILE_RULE.lowDetailSize} × ${TILE_RULE.lowDetailSize}: ${dims(resized)}.`,
      ],
    };
  }
  const steps: string[] = [];
  const fitted = fitWithin(size, TILE_RULE.fitWithin);
  steps.push(
    fitted.width === size.width && fitted.height === size.height
      ? `${dims(size)} fits within ${TILE_RULE.fitWithin} × ${TILE_RULE.fitWithin}: no resize.`
      : `Scaled to fit within ${TILE_RULE.fitWithin} × ${TILE_RULE.fitWithin}: ${dims(fitted)}.`,
  );
  const shortest = Math.min(fitted.width, fitted.height);
  const resized =
    shortest > TILE_RULE.shortestSide ? scaleTo(fitted, TILE_RULE.shortestSide / shortest) : fitted;
  steps.push(
    shortest > TILE_RULE.shortestSide
      ? `Shortest side scaled to ${TILE_RULE.shortestSide} px: ${dims(resized)}.`
      : `Shortest side is ${n(shortest)} px, not over ${TILE_RULE.shortestSide}: no resize.`,
  );
  const columns = Math.ceil(resized.width / TILE_RULE.tileSize);
  const rows = Math.ceil(resized.height / TILE_RULE.tileSize);
  const count = columns * rows;
  const tokens = baseTokens + tileTokens * count;
  steps.push(
    `${columns} × ${rows} = ${count} tile${count === 1 ? '' : 's'} of ${TILE_RULE.tileSize} px.`,
    `${n(baseTokens)} + ${n(tileTokens)} × ${count} = ${n(tokens)} tokens.`,
  );
  return { detail, tokens, resized, tiles: { columns, rows, count }, steps };
}

export interface PatchEstimate {
  /** Rounded to a whole token: the guide gives the multiplier, not how the product is rounded. */
  tokens: number;
  /** Patch count × multiplier, unrounded. */
  exactTokens: number;
  resized: Size;
  patches: { columns: number; rows: number; count: number };
  multiplier: number;
  steps: string[];
}

export function estimatePatchTokens(
  size: Size,
  family: Pick<PatchFamily, 'multiplier'>,
): PatchEstimate {
  const { patchSize: p, maxPatches } = PATCH_RULE;
  const steps: string[] = [];
  const rawColumns = Math.ceil(size.width / p);
  const rawRows = Math.ceil(size.height / p);
  const raw = rawColumns * rawRows;
  let resized = { ...size };
  if (raw > maxPatches) {
    // The guide's shrink factor, then shrunk again so one side is a whole number of patches.
    let r = Math.sqrt((p * p * maxPatches) / (size.width * size.height));
    const w = (size.width * r) / p;
    const h = (size.height * r) / p;
    r *= Math.min(Math.floor(w) / w, Math.floor(h) / h);
    resized = scaleTo(size, r);
    steps.push(
      `${rawColumns} × ${rawRows} = ${n(raw)} patches of ${p} px would cover ${dims(size)}: over ${n(maxPatches)}, so it is scaled down to ${dims(resized)}.`,
    );
  } else {
    steps.push(
      `${dims(size)} is covered by ${rawColumns} × ${rawRows} = ${n(raw)} patches of ${p} px (at most ${n(maxPatches)}): no resize.`,
    );
  }
  const columns = Math.ceil(resized.width / p);
  const rows = Math.ceil(resized.height / p);
  const count = Math.min(columns * rows, maxPatches);
  const exactTokens = count * family.multiplier;
  const tokens = Math.round(exactTokens);
  if (raw > maxPatches) steps.push(`${columns} × ${rows} = ${n(count)} patches.`);
  steps.push(
    `${n(count)} × ${family.multiplier} = ${n(Math.round(exactTokens * 100) / 100)} ≈ ${n(tokens)} tokens.`,
  );
  return {
    tokens,
    exactTokens,
    resized,
    patches: { columns, rows, count },
    multiplier: family.multiplier,
    steps,
  };
}

export type ImageTokenEstimate =
  | { kind: 'unknown-model'; model: string }
  | {
      kind: 'tile';
      model: string;
      match: FamilyMatch & { family: TileFamily };
      detail: DetailSent;
      /** One case for low or high; both (low, then high) for auto, since the model chooses. */
      cases: TileEstimate[];
    }
  | {
      kind: 'patch';
      model: string;
      match: FamilyMatch & { family: PatchFamily };
      detail: DetailSent;
      estimate: PatchEstimate;
    };

/** The estimated input tokens of one image part, for the completion's model. */
export function estimateImageTokens(
  model: string,
  size: Size,
  detail: string | undefined | null,
): ImageTokenEstimate {
  const match = matchVisionFamily(model);
  if (!match) return { kind: 'unknown-model', model };
  const sent = readDetail(detail);
  const { family } = match;
  if (family.kind === 'patch') {
    return {
      kind: 'patch',
      model,
      match: { family, prefix: match.prefix },
      detail: sent,
      estimate: estimatePatchTokens(size, family),
    };
  }
  const details: ('low' | 'high')[] = sent.detail === 'auto' ? ['low', 'high'] : [sent.detail];
  return {
    kind: 'tile',
    model,
    match: { family, prefix: match.prefix },
    detail: sent,
    cases: details.map((d) => estimateTileTokens(size, d, family)),
  };
}
