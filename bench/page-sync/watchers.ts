// The watcher processes of the page-sync benchmark, driven from run.ts: connect a share of the
// tablets each, collect what they received.
import { fork, type ChildProcess } from 'node:child_process';
import type { FromChild, Receipt, ToChild, Watcher } from './messages.ts';

export class WatcherProcesses {
  readonly #children: ChildProcess[];

  private constructor(children: ChildProcess[]) {
    this.#children = children;
  }

  static async start(count: number): Promise<WatcherProcesses> {
    const children = await Promise.all(
      Array.from({ length: count }, async () => {
        const child = fork(new URL('./watch-child.ts', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        await next(child, 'ready');
        return child;
      }),
    );
    return new WatcherProcesses(children);
  }

  get pids(): number[] {
    return this.#children.map((c) => c.pid ?? -1);
  }

  /** Deals the watchers round-robin over the processes; resolves when all watch the meeting. */
  async connect(url: string, meetingId: string, watchers: Watcher[], timeoutMs: number): Promise<string[]> {
    const shares: Watcher[][] = this.#children.map(() => []);
    watchers.forEach((w, i) => shares[i % shares.length]?.push(w));
    const answers = await Promise.all(
      this.#children.map(async (c, i) => {
        const ready = next(c, 'ready');
        c.send({ type: 'connect', url, meetingId, watchers: shares[i] ?? [], timeoutMs } satisfies ToChild);
        return ready;
      }),
    );
    return answers.flatMap((a) => a.failures);
  }

  async report(): Promise<{ receipts: Receipt[]; disconnects: number; loopDelayMaxMs: number }> {
    const answers = await Promise.all(
      this.#children.map(async (c) => {
        const answer = next(c, 'report');
        c.send({ type: 'report' } satisfies ToChild);
        return answer;
      }),
    );
    return {
      receipts: answers.flatMap((a) => a.receipts),
      disconnects: answers.reduce((n, a) => n + a.disconnects, 0),
      loopDelayMaxMs: Math.max(...answers.map((a) => a.loopDelayMaxMs)),
    };
  }

  async disconnect(): Promise<void> {
    await Promise.all(
      this.#children.map(async (c) => {
        const closed = next(c, 'closed');
        c.send({ type: 'disconnect' } satisfies ToChild);
        await closed;
      }),
    );
  }

  stop(): void {
    for (const c of this.#children) {
      if (c.connected) c.send({ type: 'exit' } satisfies ToChild);
      setTimeout(() => c.exitCode === null && c.kill(), 2000).unref();
    }
  }
}

function next<T extends FromChild['type']>(child: ChildProcess, type: T): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromChild) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Extract<FromChild, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`watcher process exited (${code}) waiting for ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
