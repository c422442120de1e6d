// @peculiar/x509 registers its algorithms with tsyringe, which refuses to load without the
// Reflect metadata API (the `reflect-metadata` polyfill, not installed here). It only reads and
// writes plain metadata, so this small stand-in is enough; import it before @peculiar/x509.
type Key = unknown;
type Target = object;

interface ReflectMetadata {
  getMetadata?: (key: Key, target: Target) => unknown;
  getOwnMetadata?: (key: Key, target: Target) => unknown;
  defineMetadata?: (key: Key, value: unknown, target: Target) => void;
}

const store = new WeakMap<Target, Map<Key, unknown>>();
const reflect = Reflect as typeof Reflect & ReflectMetadata;

if (!reflect.getMetadata) {
  reflect.defineMetadata = (key, value, target) => {
    const entries = store.get(target) ?? new Map<Key, unknown>();
    entries.set(key, value);
    store.set(target, entries);
  };
  reflect.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  // Walks the prototype chain, as reflect-metadata does for inherited metadata.
  reflect.getMetadata = (key, target) => {
    for (let t: Target | null = target; t; t = Object.getPrototypeOf(t) as Target | null) {
      const entries = store.get(t);
      if (entries?.has(key)) return entries.get(key);
    }
    return undefined;
  };
}

export {};
