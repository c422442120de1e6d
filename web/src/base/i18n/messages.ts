import type { vi } from './vi.ts';
import type { en } from './en.ts';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

export type MessageKey = keyof typeof vi;
export type Messages = { readonly [K in MessageKey]: string };

/** The `{name}` placeholders of a message literal, as a union of names. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** Parameters `t(key, …)` takes: none for a plain message, an object for one with placeholders. */
export type MessageArgs<K extends MessageKey> = [Placeholders<(typeof vi)[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof vi)[K]>, string | number>];

// Compile-time check that English keeps each message's placeholders: if it does not, this
// resolves to the offending key and the assignment below fails, naming that key.
type PlaceholderMismatch = {
  [K in MessageKey]: [Placeholders<(typeof vi)[K]>] extends [Placeholders<(typeof en)[K]>]
    ? [Placeholders<(typeof en)[K]>] extends [Placeholders<(typeof vi)[K]>]
      ? never
      : K
    : K;
}[MessageKey];
export const placeholdersMatch: [PlaceholderMismatch] extends [never] ? true : PlaceholderMismatch = true;
