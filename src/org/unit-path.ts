// A unit's materialised path is the ids from the root down to it: "/<root>/<child>/…/<self>/".
// A subtree is one prefix match, and the units above someone are read off their own path.

/** The path of a new unit under `parentPath` (a root when there is no parent). */
export const childPath = (parentPath: string | undefined, id: string): string => `${parentPath ?? '/'}${id}/`;

/** The ids on a unit's path, from the root down to the unit itself. */
export const unitIdsOnPath = (path: string): string[] => path.split('/').filter(Boolean);
