// Types for worker-cache.mjs, which stays plain JavaScript so postinstall runs
// on Node 20 before any TypeScript tooling is installed.
export declare const projectRoot: string;
export declare const buildScript: string;
export declare function mediasoupDir(root?: string): string | undefined;
export declare function mediasoupVersion(dir: string): string;
export declare function patchHash(): string | undefined;
export declare function cacheRoot(env?: NodeJS.ProcessEnv): string;
export declare function cachedWorkerPath(env?: NodeJS.ProcessEnv, root?: string): string | undefined;
export declare function officialWorkerPath(dir: string): string;
export declare function workerSelfCheck(bin: string | undefined): boolean;
