import { spawn, type ChildProcess } from 'node:child_process';

/** The build the e2e servers serve (playwright.config.ts builds it). */
export const E2E_STATIC_DIR = process.env.E2E_OUT_DIR ?? 'dist-e2e';

/**
 * Starts one more viewer server (`node --import tsx server/main.ts …`, no npx in between so a stop reaches it) for a test, on a free port chosen by
 * the OS, serving the same build as the configured e2e server. Resolves once it listens.
 */
export async function startViewerServer(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', ...args],
    {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        OPENAI_API_KEY: '',
        VIEWER_STATIC_DIR: E2E_STATIC_DIR,
        // Never a database file: each server has its own, in memory.
        VIEWER_DB: ':memory:',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
