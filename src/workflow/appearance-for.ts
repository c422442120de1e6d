// What each step kind looks like on the page (Decree 30/2020/ND-CP Appendix I): a reviewer's
// small initials box, the leader's personal signature with his title, the unit's seal over the
// left third of the leader's signature image with the document number under it.
import type { Placement, StepKind } from '../contract/workflow.ts';
import type { VisibleSignature } from '../signing/index.ts';

// Without a rectangle from the tablet (the UI proposes its own from the document's signature
// block): a review at the bottom left, the leader at the bottom right, 56 pt from the right edge
// whatever the page's size (on A4 portrait, x = 339).
const REVIEW_BOX = { x: 48, y: 36, w: 150, h: 100 };
const PERSONAL_BOX = { x: 56, y: 60, w: 200, h: 130 };

export interface AppearanceFacts {
  kind: StepKind;
  /** Pages of the version being signed: the default page is the last. */
  pages: number;
  placement: Placement;
  signer: { fullName: string; title: string | null };
  /** The unit the signer signs for (its name, without a leading "UBND" repeated in the title). */
  unitName: string;
  /** Personal: the handwritten signature image. Seal: the seal image. */
  image: Uint8Array;
  /** Seal: "Số: 12/D01". */
  caption?: string;
}

export function appearanceFor(f: AppearanceFacts): VisibleSignature {
  const page = f.placement.page ?? f.pages;
  switch (f.kind) {
    case 'review':
      return { kind: 'personal', page, rect: f.placement.rect ?? REVIEW_BOX, name: initials(f.signer.fullName), title: 'Đã xem' };
    case 'personal':
      return {
        kind: 'personal',
        page,
        rect: f.placement.rect ?? PERSONAL_BOX,
        from: f.placement.rect ? 'bottom-left' : 'bottom-right',
        name: f.signer.fullName,
        title: positionTitle(f.signer.title, f.unitName),
        image: f.image,
        organisation: f.unitName,
      };
    case 'seal':
      // No rect: the engine finds the leader's signature image on the page (visible-signature.ts).
      return { kind: 'seal', page, rect: f.placement.rect, image: f.image, caption: f.caption, organisation: f.unitName };
  }
}

/** "Vũ Thị Hồng" → "VTH". */
export function initials(fullName: string): string {
  return fullName
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]?.toLocaleUpperCase('vi') ?? '')
    .join('');
}

/**
 * The title line over a leader's signature in capitals: "Chủ tịch UBND Quận Ba Đình" of the unit
 * "UBND Quận Ba Đình" → "CHỦ TỊCH" (the unit is already in the document's header).
 */
export function positionTitle(title: string | null, unitName: string): string | undefined {
  if (!title?.trim()) return undefined;
  let t = title.trim();
  const at = t.toLocaleLowerCase('vi').lastIndexOf(unitName.toLocaleLowerCase('vi'));
  if (unitName && at > 0) t = t.slice(0, at).trim();
  return t.toLocaleUpperCase('vi');
}
