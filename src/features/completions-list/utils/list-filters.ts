import type { CompletionsFilters } from '@/api/completions-list.ts';

export function hasFilters(filters: CompletionsFilters): boolean {
  return filters.model !== '' || Object.keys(filters.metadata).length > 0;
}
