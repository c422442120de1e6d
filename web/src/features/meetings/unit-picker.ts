import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { UnitTree } from '../../base/api/index.ts';

export interface UnitPicker {
  readonly element: HTMLElement;
  /** Units ticked by the user; with "include subunits", those already covered by a ticked ancestor are left out. */
  selectedIds(): string[];
  includeSubunits(): boolean;
  setError(message: string | null): void;
  focus(): void;
}

interface Entry {
  readonly node: UnitTree;
  readonly parent: Entry | null;
  readonly children: Entry[];
  readonly row: HTMLLIElement;
  readonly checkbox: HTMLInputElement;
  readonly toggle: HTMLButtonElement | null;
  readonly childList: HTMLUListElement | null;
  readonly searchText: string;
  expanded: boolean;
}

/**
 * Invited units, picked from the caller's unit tree (city → districts → communes: ~600 units in
 * the demo). Branches below the first level start folded and a diacritic-insensitive filter
 * finds a unit by name or code, so a commune is two taps or a few letters away.
 */
export function unitPicker(root: UnitTree, i18n: I18n, initial: { unitIds: readonly string[]; includeSubunits: boolean } = { unitIds: [], includeSubunits: false }): UnitPicker {
  const checked = new Set<string>(initial.unitIds);
  const entries: Entry[] = [];

  const includeSubunits = h('input', {
    class: 'checkbox',
    testid: 'meeting-include-subunits',
    attrs: { type: 'checkbox', id: 'meeting-include-subunits', checked: initial.includeSubunits },
    on: { change: () => refresh() },
  });
  const count = h('p', { class: 'unit-picker__count', attrs: { 'aria-live': 'polite' } });
  const error = h('p', { class: 'field__error', attrs: { id: 'meeting-units-error', hidden: true } });
  const filter = h('input', {
    class: 'field__input',
    testid: 'unit-filter',
    attrs: {
      type: 'search',
      id: 'meeting-unit-filter',
      placeholder: i18n.t('meetings.form.unitFilter'),
      'aria-label': i18n.t('meetings.form.unitFilter'),
      autocomplete: 'off',
    },
    on: { input: () => applyFilter() },
  });
  const noMatch = h('p', { class: 'unit-picker__empty', attrs: { hidden: true } }, i18n.t('meetings.form.unitNoMatch'));

  const build = (node: UnitTree, parent: Entry | null, depth: number): Entry => {
    const checkboxId = `unit-${node.id}`;
    const checkbox = h('input', {
      class: 'checkbox',
      attrs: { type: 'checkbox', id: checkboxId, value: node.id, 'data-unit-id': node.id, 'data-unit-code': node.code },
      on: {
        change: () => {
          if (checkbox.checked) checked.add(node.id);
          else checked.delete(node.id);
          refresh();
        },
      },
    });
    const hasChildren = node.children.length > 0;
    const childList = hasChildren ? h('ul', { class: 'unit-tree__list', attrs: { role: 'list' } }) : null;
    const toggle = hasChildren
      ? h('button', {
          class: 'unit-tree__toggle',
          attrs: { type: 'button', 'aria-controls': `${checkboxId}-children`, 'aria-label': i18n.t('meetings.form.unitExpand', { name: node.name }) },
          on: { click: () => setExpanded(entry, !entry.expanded) },
        })
      : null;
    if (childList) childList.id = `${checkboxId}-children`;
    const row = h(
      'li',
      { class: 'unit-tree__item' },
      h(
        'div',
        { class: 'unit-tree__row' },
        toggle ?? h('span', { class: 'unit-tree__spacer', attrs: { 'aria-hidden': 'true' } }),
        checkbox,
        h(
          'label',
          { class: 'unit-tree__label', attrs: { for: checkboxId } },
          h('span', { class: 'unit-tree__name' }, node.name),
          hasChildren ? h('span', { class: 'unit-tree__meta' }, i18n.t('meetings.form.unitChildren', { count: node.children.length })) : null,
        ),
      ),
      childList,
    );
    const entry: Entry = {
      node,
      parent,
      children: [],
      row,
      checkbox,
      toggle,
      childList,
      searchText: fold(`${node.name} ${node.code}`),
      expanded: depth === 0,
    };
    entries.push(entry);
    for (const child of node.children) {
      const childEntry = build(child, entry, depth + 1);
      entry.children.push(childEntry);
      childList?.append(childEntry.row);
    }
    setExpanded(entry, entry.expanded);
    return entry;
  };

  const rootEntry = build(root, null, 0);
  // Editing: the units already invited are in view, their branches open.
  for (const entry of entries) {
    if (!checked.has(entry.node.id)) continue;
    for (let up = entry.parent; up; up = up.parent) setExpanded(up, true);
  }
  const tree = h('ul', { class: 'unit-tree', testid: 'unit-tree', attrs: { role: 'list' } }, rootEntry.row);

  function setExpanded(entry: Entry, expanded: boolean): void {
    entry.expanded = expanded;
    if (!entry.toggle || !entry.childList) return;
    entry.toggle.setAttribute('aria-expanded', String(expanded));
    entry.childList.hidden = !expanded;
  }

  /** A unit a ticked ancestor already covers (with subunits) shows ticked and cannot be changed. */
  function coveredByAncestor(entry: Entry): boolean {
    for (let up = entry.parent; up; up = up.parent) if (checked.has(up.node.id)) return true;
    return false;
  }

  function refresh(): void {
    const withSubunits = includeSubunits.checked;
    for (const entry of entries) {
      const covered = withSubunits && coveredByAncestor(entry);
      entry.checkbox.checked = covered || checked.has(entry.node.id);
      entry.checkbox.disabled = covered;
      entry.row.classList.toggle('unit-tree__item--covered', covered);
    }
    const chosen = picker.selectedIds().length;
    count.textContent = chosen === 0 ? i18n.t('meetings.form.unitNone') : i18n.t('meetings.form.unitCount', { count: chosen });
  }

  function applyFilter(): void {
    const query = fold(filter.value.trim());
    if (!query) {
      for (const entry of entries) {
        entry.row.hidden = false;
        if (entry.childList) entry.childList.hidden = !entry.expanded;
      }
      noMatch.hidden = true;
      return;
    }
    // Post-order: a unit shows when it matches or a descendant does; branches open while filtering.
    const visit = (entry: Entry): boolean => {
      let below = false;
      for (const child of entry.children) below = visit(child) || below;
      const shown = below || entry.searchText.includes(query);
      entry.row.hidden = !shown;
      if (entry.childList) entry.childList.hidden = !below;
      return shown;
    };
    noMatch.hidden = visit(rootEntry);
  }

  const element = h(
    'fieldset',
    { class: 'field unit-picker', testid: 'unit-picker', attrs: { 'aria-describedby': 'meeting-units-hint meeting-units-error' } },
    h('legend', { class: 'field__label' }, i18n.t('meetings.form.field.invitedUnitIds')),
    h('p', { class: 'field__hint', attrs: { id: 'meeting-units-hint' } }, i18n.t('meetings.form.unitsHint')),
    h(
      'label',
      { class: 'check-row', attrs: { for: 'meeting-include-subunits' } },
      includeSubunits,
      h('span', null, i18n.t('meetings.form.includeSubunits')),
    ),
    filter,
    count,
    h('div', { class: 'unit-tree__scroll' }, tree, noMatch),
    error,
  );

  const picker: UnitPicker = {
    element,
    selectedIds: () => {
      const withSubunits = includeSubunits.checked;
      return entries.filter((e) => checked.has(e.node.id) && !(withSubunits && coveredByAncestor(e))).map((e) => e.node.id);
    },
    includeSubunits: () => includeSubunits.checked,
    setError: (message) => {
      error.textContent = message ?? '';
      error.hidden = !message;
      element.classList.toggle('field--invalid', Boolean(message));
    },
    focus: () => filter.focus(),
  };
  refresh();
  return picker;
}

/** Lower case without diacritics: "Phường Điện Biên" and "phuong dien bien" match. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase();
}
