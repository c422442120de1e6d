// What a revision after a signature did, from the least to the most far-reaching (pyHanko's
// ModificationLevel), and which levels a certification permits (ISO 32000-2 §12.8.2.2, Table
// 257; the note to it: DSS and document timestamp updates are not changes).
import type { MdpLevel } from './doc-mdp.ts';

export const CHANGE_LEVELS = ['inert', 'dss', 'timestamp', 'signature', 'form-filling', 'annotations', 'other'] as const;
export type ChangeLevel = (typeof CHANGE_LEVELS)[number];

export const maxLevel = (a: ChangeLevel, b: ChangeLevel): ChangeLevel => (CHANGE_LEVELS.indexOf(a) >= CHANGE_LEVELS.indexOf(b) ? a : b);

/** Whether a DocMDP level (undefined: no certification) permits changes of `level`. */
export function permitted(level: ChangeLevel, mdp: MdpLevel | undefined): boolean {
  switch (level) {
    case 'inert':
    case 'dss':
    case 'timestamp':
      return true;
    case 'signature':
      return mdp === undefined || mdp >= 2;
    case 'form-filling':
      return mdp !== undefined && mdp >= 2;
    case 'annotations':
      return mdp === 3;
    case 'other':
      return false;
  }
}
