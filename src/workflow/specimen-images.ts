// The images drawn in appearances. Users cannot upload a handwritten signature or their unit's
// seal image yet, so the engine's specimens stand in: a scrawl (needed so the seal can find the
// leader's signature image and cover its left third) and a round seal naming the unit. The
// signature's legal weight is the certificate, not the picture. Made once and kept per process.
import { sampleSealPng, sampleSignaturePng } from '../signing/index.ts';

/** Seal images are ~100 kB; a process serves a few hundred units at most. */
const MAX_SEALS = 500;

export class SpecimenImages {
  #signature: Promise<Uint8Array> | undefined;
  readonly #seals = new Map<string, Promise<Uint8Array>>();

  signature(): Promise<Uint8Array> {
    this.#signature ??= Promise.resolve().then(() => sampleSignaturePng());
    return this.#signature;
  }

  /** The seal of a unit, its name round the rim in capitals. */
  seal(unitName: string): Promise<Uint8Array> {
    let image = this.#seals.get(unitName);
    if (!image) {
      if (this.#seals.size >= MAX_SEALS) this.#seals.clear();
      image = sampleSealPng({ text: unitName.toLocaleUpperCase('vi') });
      this.#seals.set(unitName, image);
    }
    return image;
  }
}
