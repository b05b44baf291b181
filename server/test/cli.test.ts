/** `tsx server/main.ts`: the startup line and the one-line failures (bad data file, port in use). */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../main.ts';
import { startServer, type RunningServer } from '../http.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function run(args: string[], env: Record<string, string>, untilLine = false) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(TSX, ['server/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, OPENAI_API_KEY: '', VIEWER_FAULTS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (untilLine && stdout.includes('\n')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let busy: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'viewer-cli-'));
  busy = await startServer({ port: 0, quiet: true, staticDir: dir });
});
afterAll(async () => {
  await busy.close();
  rmSync(dir, { recursive: true, force: true });
});

// Each case spawns tsx (~1 s of startup): run them side by side.
describe.concurrent('CLI', () => {
  it('parses --data and --faults, rejects unknown flags', () => {
    expect(parseArgs(['--data', 'a.jsonl', '--faults'])).toEqual({
      dataFile: 'a.jsonl',
      faults: true,
    });
    expect(parseArgs(['--data=b.jsonl'])).toEqual({ dataFile: 'b.jsonl', faults: false });
    expect(() => parseArgs(['--data'])).toThrow(/needs a file/);
    expect(() => parseArgs(['--nope'])).toThrow(/Unknown argument/);
  });

  it('parses --require-key and --static-only, rejects conflicting flags', () => {
    expect(parseArgs(['--require-key', 'sk-abc123456'])).toEqual({
      faults: false,
      requireKey: 'sk-abc123456',
    });
    expect(parseArgs(['--require-key=k1', '--faults'])).toEqual({ faults: true, requireKey: 'k1' });
    expect(parseArgs(['--static-only'])).toEqual({ faults: false, staticOnly: true });
    expect(() => parseArgs(['--require-key'])).toThrow(/needs a key/);
    expect(() => parseArgs(['--require-key='])).toThrow(/needs a key/);
    for (const extra of [['--faults'], ['--data', 'a.jsonl'], ['--require-key', 'k']])
      expect(() => parseArgs(['--static-only', ...extra])).toThrow(/cannot be combined/);
  });

  it('fails with the file and line number of a bad data line, exit 1', async () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(
      path,
      '{"id":"a","created":1,"model":"m","messages":[]}\n{"id":"b","created":1}\n',
    );
    const res = await run(['--data', path], { PORT: '0' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(`${path}:2: missing or invalid "model" (a string)`);
  });

  it('fails with one clear line on a VIEWER_IMG_SRC it does not take, exit 1', async () => {
    const res = await run([], { PORT: '0', VIEWER_IMG_SRC: "https: 'unsafe-inline'" });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(
      `VIEWER_IMG_SRC: "'unsafe-inline'" is not http:, https: or an origin such as https://cdn.example.com.`,
    );
  });

  it('fails with one clear line when the port is in use, exit 1', async () => {
    const res = await run([], { PORT: String(busy.port), HOST: '127.0.0.1' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(
      `Port ${busy.port} on 127.0.0.1 is already in use: stop the other server or set PORT.`,
    );
  });

  it('prints one line with the URL and the mode, never the key', async () => {
    const path = join(dir, 'ok.jsonl');
    writeFileSync(path, '{"id":"a","created":1,"model":"m","messages":[]}\n');
    const res = await run(
      ['--data', path],
      { PORT: '0', OPENAI_API_KEY: 'sk-secret-cli-key' },
      true,
    );
    expect(res.stdout).toMatch(
      new RegExp(
        `^Stored completions viewer: http://127\\.0\\.0\\.1:\\d+/ — data from ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(1 completions, 0 messages\\) \\[OPENAI_API_KEY ignored\\]\\n`,
      ),
    );
    expect(res.stdout + res.stderr).not.toContain('sk-secret-cli-key');
  });

  it('says a key is required, never printing it; a required key means local data', async () => {
    const key = 'fk-required-cli-key-12345';
    const res = await run(
      [],
      {
        PORT: '0',
        VIEWER_REQUIRE_KEY: key,
        VIEWER_FAULTS: '1',
        OPENAI_API_KEY: 'sk-secret-cli-key',
      },
      true,
    );
    expect(res.stdout).toMatch(
      /^Stored completions viewer: http:\/\/127\.0\.0\.1:\d+\/ — demo data \([\d,]+ completions, [\d,]+ messages\) \[API key required, fault ids on, OPENAI_API_KEY ignored\]\n/,
    );
    expect(res.stdout + res.stderr).not.toMatch(/fk-required-cli-key-12345|sk-secret-cli-key/);
  });

  it('says "static only" with --static-only, and which API settings it ignores', async () => {
    const res = await run(
      ['--static-only'],
      { PORT: '0', OPENAI_API_KEY: 'sk-secret-cli-key', VIEWER_REQUIRE_KEY: 'sk-env-key-123' },
      true,
    );
    expect(res.stdout).toMatch(
      /^Stored completions viewer: http:\/\/127\.0\.0\.1:\d+\/ — static only \(no \/v1 API: the viewer connects directly\) \[OPENAI_API_KEY ignored, VIEWER_REQUIRE_KEY ignored\]\n/,
    );
    expect(res.stdout + res.stderr).not.toMatch(/sk-secret-cli-key|sk-env-key-123/);
  });
});
