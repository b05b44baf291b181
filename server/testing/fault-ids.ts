/**
 * The test-only fault ids (see faults.ts for what each answers): the fixed ones, the grammar of
 * the parametrized ones, and how often each `_x<N>` fault has failed.
 */

/** The fixed fault ids (the parametrized ones are built from these families). */
export const FAULT_IDS = [
  'fault_401',
  'fault_403',
  'fault_429',
  'fault_429_noretry',
  'fault_500',
  'fault_502',
  'fault_503',
  'fault_reset',
  'fault_reset_body',
  'fault_malformed',
  'fault_hang',
  'fault_empty',
  'fault_broken_message',
  'fault_slow',
  'fault_refuse_update',
] as const;

export type FaultId = (typeof FAULT_IDS)[number];

export const SLOW_FAULT_DELAY_MS = 2000;
/** The longest `fault_latency_<ms>`. */
export const MAX_FAULT_LATENCY_MS = 60_000;
/** Input messages of a `_p<P>` (later page) fault conversation. */
export const LATER_PAGE_MESSAGE_COUNT = 350;
/** `_p<P>` counts pages of this size (the viewer's). */
export const FAULT_PAGE_SIZE = 100;

export const REFUSED_UPDATE_MESSAGE =
  'Metadata updates are not allowed on this completion (test fault).';

export type FailureFamily =
  | '401'
  | '403'
  | '429'
  | '429_noretry'
  | '500'
  | '502'
  | '503'
  | 'reset'
  | 'reset_body'
  | 'malformed'
  | 'hang'
  | 'latency';

/** What a fault id asks for. */
export type FaultSpec =
  | {
      kind: 'fixed';
      id: 'fault_empty' | 'fault_broken_message' | 'fault_slow' | 'fault_refuse_update';
    }
  | {
      kind: 'failure';
      id: string;
      family: FailureFamily;
      /** latency only. */
      latencyMs: number;
      /** `_x<N>`: fail this many times, then answer normally; null: always. */
      failTimes: number | null;
      /** `_p<P>`: only messages from index (P-1)*100 on fail; null: everything fails. */
      fromPage: number | null;
    };

const FAILURE_FAMILY =
  /^fault_(401|403|429_noretry|429|500|502|503|reset_body|reset|malformed|hang|latency_(\d{1,5}))(?=_|$)/;
const MODIFIER = /_(x\d{1,3}|p\d{1,3}|t[A-Za-z0-9-]{1,40})/y;

/** Parses a completion id as a fault id; null when it is none. */
export function parseFaultId(id: string): FaultSpec | null {
  if (
    id === 'fault_empty' ||
    id === 'fault_broken_message' ||
    id === 'fault_slow' ||
    id === 'fault_refuse_update'
  )
    return { kind: 'fixed', id };
  const m = FAILURE_FAMILY.exec(id);
  if (!m) return null;
  const family = (m[2] !== undefined ? 'latency' : m[1]) as FailureFamily;
  const latencyMs = m[2] !== undefined ? Number(m[2]) : 0;
  // Modifiers in any order, each at most once, nothing else after the family.
  const seen = new Map<string, string>();
  MODIFIER.lastIndex = m[0].length;
  while (MODIFIER.lastIndex < id.length) {
    const mod = MODIFIER.exec(id);
    if (!mod || seen.has(mod[1]![0]!)) return null;
    seen.set(mod[1]![0]!, mod[1]!.slice(1));
  }
  const failTimes = seen.has('x') ? Number(seen.get('x')) : null;
  const fromPage = seen.has('p') ? Number(seen.get('p')) : null;
  if (latencyMs > MAX_FAULT_LATENCY_MS || failTimes === 0 || fromPage === 0) return null;
  return { kind: 'failure', id, family, latencyMs, failTimes, fromPage };
}

/**
 * How often each `_x<N>` fault has failed so far, per id and endpoint. One per server; the
 * test-only POST /__viewer/reset clears it.
 */
export class FaultCounters {
  private readonly failures = new Map<string, number>();

  /** Records one more failure unless `limit` is used up; true when this request must fail. */
  shouldFail(key: string, limit: number | null): boolean {
    if (limit === null) return true;
    const done = this.failures.get(key) ?? 0;
    if (done >= limit) return false;
    this.failures.set(key, done + 1);
    return true;
  }

  reset(): void {
    this.failures.clear();
  }
}
