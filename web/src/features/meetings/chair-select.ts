import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { User } from '../../base/api/index.ts';

/**
 * The chair: an account of the organising unit. Leaders come first (they normally chair), the
 * rest follow in a second group because the server accepts any active account of the unit.
 */
/** `selectedId`: the current chair when editing; otherwise the caller if a leader, else the first leader. */
export function chairSelect(users: readonly User[], selfId: string, i18n: I18n, selectedId?: string): HTMLSelectElement {
  const leaders = users.filter((u) => u.roles.includes('leader'));
  const others = users.filter((u) => !u.roles.includes('leader'));
  const option = (user: User): HTMLOptionElement =>
    h('option', { attrs: { value: user.id, 'data-username': user.username } }, user.title ? `${user.fullName} — ${user.title}` : user.fullName);

  const preferred = users.find((u) => u.id === selectedId) ?? leaders.find((u) => u.id === selfId) ?? leaders[0];
  const select = h(
    'select',
    {
      class: 'field__input',
      testid: 'meeting-chair',
      attrs: { id: 'meeting-chair', name: 'chairId', required: true, 'aria-describedby': 'meeting-chair-error' },
    },
    h('option', { attrs: { value: '', disabled: true, selected: !preferred } }, i18n.t('meetings.form.chairPlaceholder')),
    leaders.length > 0 ? h('optgroup', { attrs: { label: i18n.t('meetings.form.chairLeaders') } }, ...leaders.map(option)) : null,
    others.length > 0 ? h('optgroup', { attrs: { label: i18n.t('meetings.form.chairOthers') } }, ...others.map(option)) : null,
  );
  if (preferred) select.value = preferred.id;
  return select;
}
