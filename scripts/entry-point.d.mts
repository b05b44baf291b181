/** Types of scripts/entry-point.mjs (plain Node, no build step). */
/** Whether the module whose import.meta.url this is was the script Node was started with. */
export function isEntryPoint(moduleUrl: string): boolean;
