// Judging one revision appended after a signature, object by object, the way pyHanko's
// difference analysis does (pyhanko/sign/diff_analysis): every object the revision changed must
// be explained by a rule, every new object must hang below something a rule allowed, and what
// is allowed depends on the certification's DocMDP level (ISO 32000-2 §12.8.2.2, Table 257):
//   without DocMDP  DSS/VRI additions, document timestamps, new signatures;
//   P=1             DSS/VRI additions and document timestamps only (Table 257 note);
//   P=2             also form filling, and signing existing or new invisible fields;
//   P=3             also annotations (create, delete, modify).
// Anything else — page content or resources, fonts, actions, the catalog, a signed field, an
// unsigned signature widget, an object the signed content already referred to — is 'other'.
import { PDFDict, PDFPageLeaf, PDFRef, type PDFObject } from 'pdf-lib';
import { listFields, type FormField, type RevisionView } from '../pdf/index.ts';
import { annotationProblem, pageAnnotations, type PageAnnotations } from './annotation-rules.ts';
import { maxLevel, type ChangeLevel } from './change-levels.ts';
import type { MdpLevel } from './doc-mdp.ts';
import { dssOnlyObjects, dssProblems } from './dss-rules.ts';
import { NewObjects } from './new-objects.ts';
import { changedKeys, dictOf, hasArea, isTrue, itemsOf, listChange, N, refNum, sameObject, typeLabel } from './object-compare.ts';
import type { FileHistory, RevisionDiff } from './revision-history.ts';
import { describeObject, pageNumber } from './where-used.ts';

/** A signature of the file, as the rules need it. */
export interface SignatureFacts {
  fieldName: string;
  fieldObject?: number;
  /** The revision its /ByteRange closes. */
  revision?: number;
  /** Its /ByteRange and /Contents are well formed and its own (no copy). */
  sound: boolean;
  /** A document timestamp (ETSI.RFC3161). */
  timestamp: boolean;
}

export interface Judgement {
  level: ChangeLevel;
  /** Why the revision is 'other', one line each. */
  violations: string[];
  /** What it did, for the report. */
  notes: string[];
  /** Fully qualified names of form fields whose value changed. */
  changedFields: string[];
  /** It added or changed validation data in the DSS. */
  touchesDss: boolean;
}

interface FieldSlot {
  field: FormField;
  /** The object is a widget of the field, not the field dictionary. */
  widgetOnly: boolean;
}

const CATALOG_KEYS: Readonly<Record<string, string>> = {
  OpenAction: 'an action run when the document opens (/OpenAction)',
  AA: 'document actions (/AA)',
  Names: 'the name tree (/Names: document JavaScript, embedded files, destinations)',
  Perms: 'the permissions (/Perms)',
  Pages: 'the page tree (/Pages)',
  Outlines: 'the bookmarks (/Outlines)',
  OCProperties: 'the optional content (/OCProperties: layers shown or hidden)',
  Metadata: 'the XMP metadata (/Metadata)',
};

export function judgeRevision(history: FileHistory, diff: RevisionDiff, mdp: MdpLevel | undefined, signatures: readonly SignatureFacts[]): Judgement {
  if (!diff.prev || !diff.cur) return { level: 'other', violations: [...diff.violations], notes: [], changedFields: [], touchesDss: false };
  return new RevisionJudge(history, diff, diff.prev, diff.cur, mdp, signatures).run();
}

class RevisionJudge {
  private readonly history: FileHistory;
  private readonly diff: RevisionDiff;
  private readonly prev: RevisionView;
  private readonly cur: RevisionView;
  private readonly mdp: MdpLevel | undefined;
  private readonly signatures: readonly SignatureFacts[];
  private readonly violations: string[];
  private readonly notes: string[] = [];
  private readonly changedFields: string[] = [];
  private level: ChangeLevel = 'inert';
  private touchesDss = false;
  /** Changed (not new) objects, by number. */
  private readonly changed = new Set<number>();
  private readonly news: NewObjects;
  /** Fields gained by the form's field list, and unsigned signature fields signed now. */
  private readonly newSigFields = new Set<number>();
  /** Existing unsigned signature fields signed now, with their objects that changed. */
  private readonly filledSigFields = new Map<number, number[]>();
  /** Widgets of the signature fields above that carry a signature. */
  private readonly sigWidgets = new Set<number>();
  /** Entries gained by a page's /Annots, with the page for messages. */
  private readonly annotGains: { num: number; where: string }[] = [];
  private prevFieldsCache: Map<number, FieldSlot> | undefined;
  private prevPagesCache: PageAnnotations | undefined;

  constructor(history: FileHistory, diff: RevisionDiff, prev: RevisionView, cur: RevisionView, mdp: MdpLevel | undefined, signatures: readonly SignatureFacts[]) {
    this.history = history;
    this.diff = diff;
    this.prev = prev;
    this.cur = cur;
    this.mdp = mdp;
    this.signatures = signatures;
    this.violations = [...diff.violations];
    this.news = new NewObjects(diff.added, (n) => history.scan(cur, n)?.refs ?? []);
  }

  run(): Judgement {
    try {
      this.trailer();
      for (const num of this.diff.written.keys()) {
        if (this.diff.added.has(num)) continue;
        const old = this.history.lookup(this.prev, num);
        const neu = this.history.lookup(this.cur, num);
        if (sameObject(old, neu)) continue;
        this.changed.add(num);
        this.judgeChanged(num, old, neu);
      }
      this.danglingReferences();
      this.signatureFields();
      this.annotationGains();
      this.unexplained();
    } catch (err) {
      this.violations.push(`it cannot be analysed (${(err as Error)?.message ?? String(err)})`);
    }
    const level = this.violations.length > 0 ? 'other' : this.level;
    return { level, violations: this.violations, notes: this.notes, changedFields: this.changedFields, touchesDss: this.touchesDss };
  }

  private raise(level: ChangeLevel): void {
    this.level = maxLevel(this.level, level);
  }

  // ---- the trailer and the catalog -------------------------------------------------------

  private trailer(): void {
    if (this.prev.root.objectNumber !== this.cur.root.objectNumber) this.violations.push('the trailer names another catalog (/Root)');
    const before = this.prev.doc.context.trailerInfo.Info?.toString();
    const after = this.cur.doc.context.trailerInfo.Info?.toString();
    if (before !== after) this.violations.push('the trailer names another document information dictionary (/Info)');
  }

  private judgeChanged(num: number, old: PDFObject | undefined, neu: PDFObject | undefined): void {
    const curAcro = this.cur.doc.catalog.get(N('AcroForm'));
    const acro = dictOf(this.cur.doc.context.lookup(curAcro));
    if (num === this.cur.root.objectNumber) return this.catalog(dictOf(old), dictOf(neu));
    if (num === refNum(curAcro)) return this.acroForm(dictOf(old), dictOf(neu));
    if (num === refNum(acro?.get(N('Fields')))) return this.listValue('fields', old, neu, "the form's field list", true);
    if (num === refNum(acro?.get(N('DR')))) return this.defaultResources(dictOf(old), dictOf(neu));
    const slot = this.prevFields().get(num);
    if (slot) return this.field(num, slot, dictOf(old), dictOf(neu));
    if (old instanceof PDFPageLeaf) return this.page(num, dictOf(old), dictOf(neu));
    const pages = this.prevPages();
    const arrayOf = pages.arrays.get(num);
    if (arrayOf !== undefined) return this.listValue('annots', old, neu, `page ${arrayOf}'s annotations`, true);
    const annotOf = pages.annotations.get(num);
    if (annotOf !== undefined) return this.annotation(num, annotOf, dictOf(neu));
    if (dssOnlyObjects(this.history, this.prev).has(num)) {
      if (num === refNum(this.cur.doc.catalog.get(N('DSS')))) this.dssDict(dictOf(neu));
      this.news.explainRefsIn(neu, 'dss');
      this.touchesDss = true;
      this.raise('dss');
      return;
    }
    this.violations.push(`${describeObject(this.history, this.prev, num)} changed${typeLabel(neu)}`);
  }

  private catalog(old: PDFDict | undefined, neu: PDFDict | undefined): void {
    if (!neu) return void this.violations.push('the catalog was replaced by something that is not a dictionary');
    for (const key of changedKeys(old, neu)) {
      const before = old?.get(N(key));
      const after = neu.get(N(key));
      if (key === 'AcroForm') this.acroFormValue(before, after);
      else if (key === 'DSS') this.dssValue(after);
      else if (key === 'Extensions' || key === 'Version') {
        // §7.12 developer extensions (ETSI's ESIC for PAdES) and the header version a DSS may raise.
        this.news.explainRefsIn(after, 'dss');
        this.raise('dss');
      } else this.violations.push(`the catalog changed: ${CATALOG_KEYS[key] ?? `/${key}`}`);
    }
  }

  // ---- the form --------------------------------------------------------------------------

  private acroFormValue(before: PDFObject | undefined, after: PDFObject | undefined): void {
    if (after === undefined) return void this.violations.push('the form (/AcroForm) was removed');
    const num = refNum(after);
    if (num !== undefined && num === refNum(before)) return; // the same object: judged as a changed object
    if (num !== undefined && this.diff.added.has(num)) this.news.explainOne(num, 'inert');
    this.acroForm(dictOf(this.prev.doc.context.lookup(before)), dictOf(this.cur.doc.context.lookup(after)));
  }

  /** ISO 32000-1 §12.7.2 Table 218: what signing may change in the interactive form dictionary. */
  private acroForm(old: PDFDict | undefined, neu: PDFDict | undefined): void {
    if (!neu) return void this.violations.push('the form (/AcroForm) is not a dictionary');
    for (const key of changedKeys(old, neu)) {
      const before = old?.get(N(key));
      const after = neu.get(N(key));
      if (key === 'Fields') this.listValue('fields', before, after, "the form's field list", false);
      else if (key === 'SigFlags') continue;
      else if (key === 'DR') {
        if (refNum(after) !== undefined && refNum(after) === refNum(before)) continue;
        const num = refNum(after);
        if (num !== undefined && this.diff.added.has(num)) this.news.explainOne(num, 'inert');
        this.defaultResources(dictOf(this.prev.doc.context.lookup(before)), dictOf(this.cur.doc.context.lookup(after)));
      } else if (key === 'NeedAppearances') {
        // Viewers would redraw every field from its value, replacing the appearances that were signed.
        if (isTrue(after)) this.violations.push("the form's /NeedAppearances is set: viewers would redraw every field");
      } else this.violations.push(`the form's /${key} changed${key === 'XFA' ? ' (an XFA form replaces what viewers show)' : ''}`);
    }
  }

  /** /DR may gain resources (a new appearance's font); none it had may change. */
  private defaultResources(old: PDFDict | undefined, neu: PDFDict | undefined): void {
    if (!neu) return void this.violations.push("the form's default resources (/DR) were removed");
    for (const key of changedKeys(old, neu)) {
      const before = dictOf(this.prev.doc.context.lookup(old?.get(N(key))));
      const after = dictOf(this.cur.doc.context.lookup(neu.get(N(key))));
      const lost = before ? changedKeys(before, after).filter((k) => before.has(N(k))) : [];
      if (before && (!after || lost.length > 0)) {
        this.violations.push(`the form's default resources (/DR /${key}) changed ${lost.map((k) => `/${k}`).join(', ') || ''}`.trim());
        continue;
      }
      const subNum = refNum(neu.get(N(key)));
      if (subNum !== undefined && this.diff.added.has(subNum)) this.news.explainOne(subNum, 'inert');
      for (const k of after ? changedKeys(before, after) : []) this.news.explainRefsIn(after?.get(N(k)), 'signature');
    }
  }

  /**
   * A list that may only gain: the form's /Fields (new signature fields) or a page's /Annots
   * (their widgets; under P=3 any annotation, and losing non-widget ones). `whole` when the
   * values are the array objects themselves rather than the entries holding them.
   */
  private listValue(kind: 'fields' | 'annots', before: PDFObject | undefined, after: PDFObject | undefined, where: string, whole: boolean): void {
    if (!whole) {
      const num = refNum(after);
      if (num !== undefined && num === refNum(before)) return; // the array object itself: judged on its own
      if (num !== undefined && this.diff.added.has(num)) this.news.explainOne(num, 'inert');
    }
    const { lost, gained } = listChange(itemsOf(this.prev.doc.context, before), itemsOf(this.cur.doc.context, after));
    for (const item of lost) {
      const n = refNum(item);
      const dict = dictOf(this.prev.doc.context.lookup(item));
      if (kind === 'annots' && this.mdp === 3 && dict?.get(N('Subtype')) !== N('Widget')) this.raise('annotations');
      else this.violations.push(`${where} lost ${n === undefined ? 'an entry' : `object ${n}`}${typeLabel(dict)}`);
    }
    for (const item of gained) {
      const n = refNum(item);
      if (n === undefined) this.violations.push(`${where} gained a direct object${typeLabel(item)}`);
      else if (kind === 'fields') this.newSigFields.add(n);
      else this.annotGains.push({ num: n, where });
    }
  }

  private prevFields(): Map<number, FieldSlot> {
    if (!this.prevFieldsCache) {
      this.prevFieldsCache = new Map();
      for (const field of listFields(this.prev.doc)) {
        if (field.ref) this.prevFieldsCache.set(field.ref.objectNumber, { field, widgetOnly: false });
        for (const w of field.widgets) if (w.ref && w.ref !== field.ref) this.prevFieldsCache.set(w.ref.objectNumber, { field, widgetOnly: true });
      }
    }
    return this.prevFieldsCache;
  }

  /** An existing form field (or its widget) changed. */
  private field(num: number, { field, widgetOnly }: FieldSlot, old: PDFDict | undefined, neu: PDFDict | undefined): void {
    const keys = changedKeys(old, neu);
    const allowed = widgetOnly ? ['AP', 'AS'] : ['V', 'AP', 'AS'];
    const bad = keys.filter((k) => !allowed.includes(k));
    const name = `"${field.name}"`;
    if (field.type === 'Sig') {
      if (field.dict.has(N('V'))) return void this.violations.push(`the signed field ${name} changed (${keys.map((k) => `/${k}`).join(', ')})`);
      if (bad.length > 0) return void this.violations.push(`the signature field ${name} changed ${bad.map((k) => `/${k}`).join(', ')}`);
      const fieldNum = field.ref?.objectNumber;
      if (fieldNum === undefined) return void this.violations.push(`the signature field ${name} has no object of its own`);
      this.filledSigFields.set(fieldNum, [...(this.filledSigFields.get(fieldNum) ?? []), num]);
      return;
    }
    if (bad.length > 0) return void this.violations.push(`the form field ${name} changed ${bad.map((k) => `/${k}`).join(', ')}`);
    if (this.mdp === undefined || this.mdp < 2) {
      for (const k of keys) this.news.reportBelow(neu?.get(N(k)));
      const part = widgetOnly ? 'its appearance' : 'its value';
      const why = this.mdp === undefined ? 'form filling needs a certification that permits it (DocMDP P=2 or 3)' : 'the certification (DocMDP P=1) permits no form filling';
      return void this.violations.push(`the form field ${name} was filled in (${part}: ${keys.map((k) => `/${k}`).join(', ')}); ${why}`);
    }
    if (!widgetOnly && !this.changedFields.includes(field.name)) this.changedFields.push(field.name);
    for (const k of keys) this.news.explainRefsIn(neu?.get(N(k)), 'form-filling');
    this.raise('form-filling');
  }

  /** Signature fields new in this revision, or signed in it: each must carry a signature. */
  private signatureFields(): void {
    for (const [num, changed] of this.filledSigFields) this.signatureField(num, false, changed);
    for (const num of this.newSigFields) {
      if (this.diff.added.has(num)) this.signatureField(num, true);
      else this.violations.push(`the form's field list gained existing object ${num}${typeLabel(this.history.lookup(this.cur, num))}`);
    }
  }

  private signatureField(num: number, created: boolean, changed: number[] = []): void {
    this.news.reportBelow(PDFRef.of(num)); // explained below when it passes; one line when it does not
    const dict = dictOf(this.history.lookup(this.cur, num));
    const label = `the ${created ? 'new ' : ''}signature field ${dict?.get(N('T'))?.toString() ?? `(object ${num})`}`;
    if (!dict || dict.get(N('FT')) !== N('Sig')) return void this.violations.push(`the form gained field ${num}${typeLabel(dict)} that is not a signature field`);
    if (created && dict.has(N('Parent'))) return void this.violations.push(`${label} was put under an existing field`);
    // Issue 9.1: a signature field counts only when it carries a signature made in this
    // revision or a later one; an unsigned widget can paint anything over the page.
    const sig = this.signatures.find((s) => s.fieldObject === num);
    if (!sig || !sig.sound || sig.revision === undefined || sig.revision < this.diff.index) {
      return void this.violations.push(`${label} carries no signature made in this revision or later`);
    }
    // The field and its widgets (§12.5.6.19: merged into one dictionary, or /Kids without /T).
    const widgets: [number, PDFDict][] = [[num, dict]];
    for (const kid of itemsOf(this.cur.doc.context, dict.get(N('Kids')))) {
      const w = dictOf(this.cur.doc.context.lookup(kid));
      const n = refNum(kid);
      if (!w || n === undefined) return void this.violations.push(`${label} has a kid that is not an indirect widget`);
      widgets.push([n, w]);
    }
    for (const [n, w] of widgets) {
      const subtype = w.get(N('Subtype'));
      if (subtype !== undefined && subtype !== N('Widget')) return void this.violations.push(`${label} has an annotation that is not a widget${typeLabel(w)}`);
      if (w.has(N('A')) || w.has(N('AA'))) return void this.violations.push(`${label} carries actions (/A or /AA)`);
      if (subtype === N('Widget')) this.sigWidgets.add(n);
    }
    const level: ChangeLevel = sig.timestamp ? 'timestamp' : 'signature';
    if (this.mdp === 1 && level === 'signature') this.violations.push(`${label}: the certification (DocMDP P=1) permits no further signatures`);
    if (created && this.mdp !== undefined && widgets.some(([, w]) => hasArea(w))) {
      // pyHanko's default too: after certification only invisible fields may be added
      // (a visible one could paint over the certified page: the "sneaky signature" attack).
      this.violations.push(`${label} is visible, and a certified document only accepts new invisible signature fields`);
    }
    this.news.explain(num, level);
    for (const c of changed) for (const r of this.history.scan(this.cur, c)?.refs ?? []) this.news.explain(r, level);
    this.raise(level);
  }

  // ---- pages and annotations -------------------------------------------------------------

  private page(num: number, old: PDFDict | undefined, neu: PDFDict | undefined): void {
    const page = pageNumber(this.prev, num);
    for (const key of changedKeys(old, neu)) {
      if (key === 'Annots') this.listValue('annots', old?.get(N(key)), neu?.get(N(key)), `page ${page}'s annotations`, false);
      else if (key === 'Contents') this.violations.push(`page ${page}: its content (/Contents) changed`);
      else if (key === 'Resources') this.violations.push(`page ${page}: its resources (fonts, images: /Resources) changed`);
      else this.violations.push(`page ${page}: /${key} changed`);
    }
  }

  private prevPages(): PageAnnotations {
    this.prevPagesCache ??= pageAnnotations(this.prev.doc);
    return this.prevPagesCache;
  }

  private annotation(num: number, page: number, neu: PDFDict | undefined): void {
    if (this.mdp !== 3) return void this.violations.push(`page ${page}: annotation ${num}${typeLabel(neu)} changed`);
    if (neu && annotationProblem(this.cur.doc.context, neu)) return void this.violations.push(`page ${page}: annotation ${num} ${annotationProblem(this.cur.doc.context, neu)}`);
    for (const k of changedKeys(dictOf(this.history.lookup(this.prev, num)), neu)) this.news.explainRefsIn(neu?.get(N(k)), 'annotations');
    this.raise('annotations');
  }

  private annotationGains(): void {
    for (const { num, where } of this.annotGains) {
      if (this.sigWidgets.has(num)) continue;
      const dict = dictOf(this.history.lookup(this.cur, num));
      if (this.mdp === 3 && dict && this.diff.added.has(num) && !annotationProblem(this.cur.doc.context, dict)) {
        this.news.explain(num, 'annotations');
        this.raise('annotations');
        continue;
      }
      this.news.reportBelow(PDFRef.of(num));
      const why = dict && this.mdp === 3 ? annotationProblem(this.cur.doc.context, dict) : undefined;
      this.violations.push(`${where} gained object ${num}${typeLabel(dict)}, which is not the widget of a new signature${why ? ` (it ${why})` : ''}`);
    }
  }

  // ---- the DSS ---------------------------------------------------------------------------

  private dssValue(after: PDFObject | undefined): void {
    if (after === undefined) return void this.violations.push('the document security store (/DSS) was removed');
    this.dssDict(dictOf(this.cur.doc.context.lookup(after)));
    const num = refNum(after);
    if (num !== undefined && this.diff.added.has(num)) this.news.explain(num, 'dss');
    else this.news.explainRefsIn(after, 'dss');
    this.touchesDss = true;
    this.raise('dss');
  }

  private dssDict(dss: PDFDict | undefined): void {
    this.violations.push(...dssProblems(this.cur.doc.context, dss));
  }

  // ---- new objects -----------------------------------------------------------------------

  /**
   * ISO 32000-1 §7.3.10: a reference to a missing object is null. A new object whose number
   * the signed revision already referred to makes that reference come alive after signing
   * (pyHanko assumes this never happens; here it is a modification).
   */
  private danglingReferences(): void {
    const { referenced, referrers } = this.history.refIndex(this.prev);
    for (const num of this.diff.added) {
      if (!referenced.has(num)) continue;
      const by = referrers.get(num)?.[0];
      this.violations.push(`object ${num} is new, yet the signed revision already referred to it${by ? ` (${describeObject(this.history, this.prev, by.from)} /${by.key})` : ''}`);
    }
  }

  /**
   * New objects something refers to must be explained; new objects nothing refers to are
   * harmless (writers leave orphans: poppler's pdfsig writes two unused appearance streams).
   */
  private unexplained(): void {
    const roots: number[] = [];
    for (const num of this.changed) roots.push(...(this.history.scan(this.cur, num)?.refs ?? []));
    for (const v of [this.cur.doc.context.trailerInfo.Root, this.cur.doc.context.trailerInfo.Info]) {
      const n = refNum(v as PDFObject | undefined);
      if (n !== undefined) roots.push(n);
    }
    const attached = this.news.attached(roots);
    let orphans = 0;
    for (const num of this.diff.added) {
      if (this.diff.containers.has(num)) continue;
      const level = this.news.explained.get(num);
      if (level !== undefined) this.raise(level);
      else if (this.news.reported.has(num)) continue;
      else if (attached.has(num)) this.violations.push(`new object ${num}${typeLabel(this.history.lookup(this.cur, num))} is not part of a signature, the DSS or a permitted change`);
      else orphans++;
    }
    if (orphans > 0) this.notes.push(`${orphans} new object(s) nothing refers to`);
  }

}
