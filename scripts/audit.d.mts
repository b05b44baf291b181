/** Types of scripts/audit.mjs (plain Node, no build step) for its unit test. */
export interface AuditRun {
  /** npm's exit status (null when it did not exit normally). */
  status: number | null;
  stdout: string | null;
  stderr?: string | null;
  /** Why npm could not be started at all, if so. */
  spawnError?: string | null;
}

export interface AuditDecision {
  outcome: 'pass' | 'fail' | 'unavailable';
  exitCode: 0 | 1;
  lines: string[];
}

export function decideAudit(run: AuditRun): AuditDecision;
