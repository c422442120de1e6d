import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The `ecabinet` command as an operator runs it (bin/ecabinet.js on this Node). */
export const ECABINET_BIN = join(import.meta.dirname, '../../bin/ecabinet.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
}

/**
 * Runs `ecabinet ARGS` in a child process with the environment plus `env`, and collects its output.
 * Killed after `timeoutMs`, so a hang fails the test with what the command printed so far.
 */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ECABINET_BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}
