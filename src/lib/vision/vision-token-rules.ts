/**
 * How OpenAI counts the input tokens of an image, per model family: the one table the viewer's
 * estimates come from. Every number below is copied from OpenAI's vision guide, "Calculating
 * costs" (VISION_GUIDE.url); when the guide changes, change this file and its tests only.
 * The arithmetic lives in estimate-image-tokens.ts.
 */
export const VISION_GUIDE = {
  title: 'OpenAI API docs: Images and vision, “Calculating costs”',
  url: 'https://platform.openai.com/docs/guides/images-vision#calculating-costs',
  checked: '2026-11-26',
} as const;

/**
 * Tile-based families. `detail: "low"` costs `baseTokens`, whatever the size (the model gets a
 * 512 × 512 version). `detail: "high"`: fit within 2048 × 2048, then scale so the shortest side
 * is 768 px, count the 512-px squares that cover it: `baseTokens + tileTokens × tiles`.
 * Both steps only ever shrink: the guide's examples only scale down, and a small image is billed
 * for the tiles of its own size (512 × 513 at high detail is two tiles, not four).
 */
export const TILE_RULE = {
  fitWithin: 2048,
  shortestSide: 768,
  tileSize: 512,
  lowDetailSize: 512,
} as const;

/**
 * Patch-based families. Count the 32 × 32 patches that cover the image; over 1536, scale the
 * image down (keeping its aspect ratio) until at most 1536 patches cover it; the patch count
 * (capped at 1536) times the model's multiplier is the token count. `detail` changes nothing.
 */
export const PATCH_RULE = {
  patchSize: 32,
  maxPatches: 1536,
} as const;

interface FamilyBase {
  /** Stable id, shown as the family that matched. */
  id: string;
  /** The models the guide names for this row. */
  label: string;
  /**
   * Model ids of this family: a model matches a prefix when it equals it or continues it with
   * "-" (dated snapshots such as gpt-4o-2024-08-06). The longest matching prefix wins.
   */
  prefixes: readonly string[];
}
export interface TileFamily extends FamilyBase {
  kind: 'tile';
  baseTokens: number;
  tileTokens: number;
}
export interface PatchFamily extends FamilyBase {
  kind: 'patch';
  multiplier: number;
}
export type VisionFamily = TileFamily | PatchFamily;

export const VISION_FAMILIES: readonly VisionFamily[] = [
  // The guide's tile table ("Model | Base tokens | Tile tokens").
  {
    id: 'gpt-5',
    label: 'gpt-5, gpt-5-chat-latest',
    prefixes: ['gpt-5', 'gpt-5-chat-latest'],
    kind: 'tile',
    baseTokens: 70,
    tileTokens: 140,
  },
  {
    id: 'gpt-4o',
    label: '4o, 4.1, 4.5',
    prefixes: ['gpt-4o', 'chatgpt-4o-latest', 'gpt-4.1', 'gpt-4.5'],
    kind: 'tile',
    baseTokens: 85,
    tileTokens: 170,
  },
  {
    id: 'gpt-4o-mini',
    label: '4o-mini',
    prefixes: ['gpt-4o-mini'],
    kind: 'tile',
    baseTokens: 2833,
    tileTokens: 5667,
  },
  {
    id: 'o1-o3',
    label: 'o1, o1-pro, o3',
    prefixes: ['o1', 'o1-pro', 'o3'],
    kind: 'tile',
    baseTokens: 75,
    tileTokens: 150,
  },
  {
    id: 'computer-use-preview',
    label: 'computer-use-preview',
    prefixes: ['computer-use-preview'],
    kind: 'tile',
    baseTokens: 65,
    tileTokens: 129,
  },
  // The guide's patch table ("Model | Multiplier").
  {
    id: 'gpt-5-mini',
    label: 'gpt-5-mini',
    prefixes: ['gpt-5-mini'],
    kind: 'patch',
    multiplier: 1.62,
  },
  {
    id: 'gpt-5-nano',
    label: 'gpt-5-nano',
    prefixes: ['gpt-5-nano'],
    kind: 'patch',
    multiplier: 2.46,
  },
  {
    id: 'gpt-4.1-mini',
    label: 'gpt-4.1-mini',
    prefixes: ['gpt-4.1-mini'],
    kind: 'patch',
    multiplier: 1.62,
  },
  {
    id: 'gpt-4.1-nano',
    label: 'gpt-4.1-nano',
    prefixes: ['gpt-4.1-nano'],
    kind: 'patch',
    multiplier: 2.46,
  },
  { id: 'o4-mini', label: 'o4-mini', prefixes: ['o4-mini'], kind: 'patch', multiplier: 1.72 },
];

/**
 * Models whose ids continue a family prefix above but that take no image input: they are
 * "unknown" rather than estimated with a neighbour's numbers.
 */
export const NON_VISION_PREFIXES: readonly string[] = [
  'o1-mini',
  'o1-preview',
  'o3-mini',
  'gpt-4o-audio-preview',
  'gpt-4o-mini-audio-preview',
];
