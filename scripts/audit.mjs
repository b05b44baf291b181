// `npm audit` as a CI gate: fails (exit 1) when npm reports high or critical vulnerabilities.
// When the audit cannot run at all (registry unreachable, or refusing the audit endpoint, as
// some mirrors answer 405), it says so loudly and exits 0: an unavailable service is not a
// vulnerability, but nobody should mistake that run for a clean audit.
// Usage: node scripts/audit.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isEntryPoint } from './entry-point.mjs';

const BLOCKING = ['high', 'critical'];

/** The first JSON value in npm's output (npm may print warnings around it), or null. */
function parseJson(text) {
  const start = text.indexOf('{');
  if (start < 0) return null;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return null;
  }
}

/**
 * What to make of one `npm audit --json` run. Pure: takes npm's exit status and output, returns
 * { outcome: 'pass' | 'fail' | 'unavailable', exitCode, lines } where `lines` is the report.
 */
export function decideAudit({ status, stdout, stderr = '', spawnError = null }) {
  const unavailable = (reason) => ({
    outcome: 'unavailable',
    exitCode: 0,
    lines: [
      `WARNING: npm audit could not run (${reason}).`,
      'The dependencies were NOT checked for known vulnerabilities in this run.',
    ],
  });
  if (spawnError) return unavailable(`npm did not start: ${spawnError}`);
  const report = parseJson(stdout ?? '');
  if (!report || typeof report !== 'object') {
    const hint =
      String(stderr)
        .split('\n')
        .find((line) => line.trim()) ?? `exit status ${status}`;
    return unavailable(`no audit report: ${hint.trim()}`);
  }
  const counts = report.metadata?.vulnerabilities;
  if (report.error || typeof counts !== 'object' || counts === null) {
    const reason =
      report.message ||
      report.error?.summary ||
      report.error?.code ||
      (report.statusCode ? `HTTP ${report.statusCode}` : 'the audit endpoint answered no report');
    return unavailable(`the audit endpoint refused or failed: ${reason}`);
  }
  const blocking = BLOCKING.reduce((n, level) => n + (Number(counts[level]) || 0), 0);
  const summary = ['critical', 'high', 'moderate', 'low', 'info']
    .map((level) => `${Number(counts[level]) || 0} ${level}`)
    .join(', ');
  if (blocking === 0)
    return {
      outcome: 'pass',
      exitCode: 0,
      lines: [`npm audit: no high or critical vulnerabilities (${summary}).`],
    };
  const packages = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => BLOCKING.includes(v?.severity))
    .map(([name, v]) => {
      const fix = v.fixAvailable ? 'a fix is available (npm audit fix)' : 'no fix available yet';
      return `  - ${name} (${v.severity}${v.range ? `, ${v.range}` : ''}): ${fix}`;
    });
  return {
    outcome: 'fail',
    exitCode: 1,
    lines: [
      `npm audit: ${blocking} high or critical vulnerabilit${blocking === 1 ? 'y' : 'ies'} (${summary}).`,
      ...packages,
      'Run `npm audit` for the details.',
    ],
  };
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const run = spawnSync('npm', ['audit', '--json', '--audit-level=high'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
    shell: false,
  });
  const decision = decideAudit({
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    spawnError: run.error ? String(run.error.message ?? run.error) : null,
  });
  const print = decision.outcome === 'pass' ? console.log : console.error;
  for (const line of decision.lines) print(line);
  process.exit(decision.exitCode);
}

if (isEntryPoint(import.meta.url)) main();
