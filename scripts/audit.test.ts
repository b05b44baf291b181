import { describe, expect, it } from 'vitest';
import { decideAudit } from './audit.mjs';

const report = (counts: Record<string, number>, vulnerabilities: object = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts },
      dependencies: { total: 300 },
    },
  });

describe('decideAudit', () => {
  it('passes a clean report, and one with only low or moderate findings', () => {
    expect(decideAudit({ status: 0, stdout: report({}) })).toMatchObject({
      outcome: 'pass',
      exitCode: 0,
    });
    const moderate = decideAudit({ status: 0, stdout: report({ moderate: 2, low: 1 }) });
    expect(moderate).toMatchObject({ outcome: 'pass', exitCode: 0 });
    expect(moderate.lines[0]).toContain('0 critical, 0 high, 2 moderate, 1 low');
  });

  it('fails on high or critical, naming the packages', () => {
    const vulnerabilities = {
      'left-pad': { severity: 'high', range: '<1.3.0', fixAvailable: true },
      'is-odd': { severity: 'critical', range: '*', fixAvailable: false },
      'is-even': { severity: 'moderate', fixAvailable: true },
    };
    const decision = decideAudit({
      status: 1,
      stdout: report({ high: 1, critical: 1, moderate: 1 }, vulnerabilities),
    });
    expect(decision).toMatchObject({ outcome: 'fail', exitCode: 1 });
    expect(decision.lines[0]).toContain('2 high or critical vulnerabilities');
    expect(decision.lines.join('\n')).toContain('left-pad (high, <1.3.0): a fix is available');
    expect(decision.lines.join('\n')).toContain('is-odd (critical, *): no fix available yet');
    expect(decision.lines.join('\n')).not.toContain('is-even');
    // The report decides, whatever npm's exit status says.
    expect(decideAudit({ status: 0, stdout: report({ critical: 1 }) }).exitCode).toBe(1);
  });

  it('warns and exits 0 when the audit endpoint refuses (the registry here answers 405)', () => {
    // npm's own output for it, trimmed.
    const stdout = JSON.stringify({
      message:
        '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      method: 'POST',
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    });
    const decision = decideAudit({
      status: 1,
      stdout,
      stderr: 'npm error audit endpoint returned an error\n',
    });
    expect(decision).toMatchObject({ outcome: 'unavailable', exitCode: 0 });
    expect(decision.lines[0]).toBe(
      'WARNING: npm audit could not run (the audit endpoint refused or failed: 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk).',
    );
    expect(decision.lines[1]).toContain('NOT checked');
  });

  it('warns and exits 0 when the registry is unreachable or npm gives no report', () => {
    const offline = decideAudit({
      status: 1,
      stdout: JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to … failed' } }),
    });
    expect(offline).toMatchObject({ outcome: 'unavailable', exitCode: 0 });
    expect(offline.lines[0]).toContain('request to … failed');
    const nothing = decideAudit({ status: 1, stdout: '', stderr: 'npm error network timeout\n' });
    expect(nothing).toMatchObject({ outcome: 'unavailable', exitCode: 0 });
    expect(nothing.lines[0]).toContain('npm error network timeout');
    const noNpm = decideAudit({ status: null, stdout: null, spawnError: 'spawn npm ENOENT' });
    expect(noNpm.lines[0]).toContain('npm did not start: spawn npm ENOENT');
  });

  it('reads the report even with warnings printed before it', () => {
    const decision = decideAudit({
      status: 1,
      stdout: `npm warn config something\n${report({ high: 3 })}`,
    });
    expect(decision).toMatchObject({ outcome: 'fail', exitCode: 1 });
  });
});
