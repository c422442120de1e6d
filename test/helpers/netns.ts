import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_EXECUTABLE } from './browser.ts';

/**
 * A second "host" on this machine for a browser whose network a test can cut: a network
 * namespace joined to ours by a veth pair. The host side keeps its address while the
 * namespace's link is down, so the server and the other browsers (which use that address
 * too) are unaffected. Needs root and iproute2; `available()` says whether this machine can.
 */
export class NetworkNamespace {
  readonly name: string;
  /** Our side: where the server listens for the namespaced browser (and everyone else). */
  readonly hostAddress: string;
  readonly #hostIf: string;
  readonly #innerIf = 'eth-e2e';
  readonly #dir: string;

  private constructor(n: number) {
    this.name = `ecab-e2e-${process.pid}`;
    this.hostAddress = `10.231.${n}.1`;
    this.#hostIf = `ve${process.pid}`.slice(0, 15);
    this.#dir = mkdtempSync(join(tmpdir(), 'ecabinet-netns-'));
  }

  static available(): boolean {
    if (process.getuid?.() !== 0) return false;
    try {
      execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  static create(): NetworkNamespace {
    const ns = new NetworkNamespace(process.pid % 250);
    const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
    const inNs = (...args: string[]) => ip('netns', 'exec', ns.name, 'ip', ...args);
    ns.#teardownNetwork(); // a namespace left over by a killed run
    ip('netns', 'add', ns.name);
    ip('link', 'add', ns.#hostIf, 'type', 'veth', 'peer', 'name', ns.#innerIf);
    ip('link', 'set', ns.#innerIf, 'netns', ns.name);
    ip('addr', 'add', `${ns.hostAddress}/24`, 'dev', ns.#hostIf);
    ip('link', 'set', ns.#hostIf, 'up');
    inNs('addr', 'add', `${ns.hostAddress.replace(/\.1$/, '.2')}/24`, 'dev', ns.#innerIf);
    inNs('link', 'set', ns.#innerIf, 'up');
    inNs('link', 'set', 'lo', 'up');
    return ns;
  }

  /** A Chromium executable that runs inside the namespace (for playwright's executablePath). */
  chromium(): string {
    const path = join(this.#dir, 'chromium-in-netns');
    writeFileSync(path, `#!/bin/sh\nexec ip netns exec ${this.name} ${CHROMIUM_EXECUTABLE} "$@"\n`);
    chmodSync(path, 0o755);
    return path;
  }

  /** The namespace loses its network (like a tablet's Wi-Fi dropping) until `restore()`. */
  cut(): void {
    execFileSync('ip', ['netns', 'exec', this.name, 'ip', 'link', 'set', this.#innerIf, 'down']);
  }

  restore(): void {
    execFileSync('ip', ['netns', 'exec', this.name, 'ip', 'link', 'set', this.#innerIf, 'up']);
  }

  destroy(): void {
    this.#teardownNetwork();
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #teardownNetwork(): void {
    for (const args of [['link', 'del', this.#hostIf], ['netns', 'del', this.name]]) {
      try {
        execFileSync('ip', args, { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
  }
}
