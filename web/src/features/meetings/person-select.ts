import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { User } from '../../base/api/index.ts';

const option = (user: User, selected: boolean): HTMLOptionElement =>
  h('option', { attrs: { value: user.id, 'data-username': user.username, selected } }, user.title ? `${user.fullName} — ${user.title}` : user.fullName);

/**
 * The secretary: an account of the organising unit other than the chair (the server checks),
 * or none. Clerks come first, as they usually take the minutes.
 */
export function secretarySelect(users: readonly User[], selectedId: string | null, i18n: I18n): HTMLSelectElement {
  const clerks = users.filter((u) => u.roles.includes('clerk'));
  const others = users.filter((u) => !u.roles.includes('clerk'));
  return h(
    'select',
    {
      class: 'field__input',
      testid: 'meeting-secretary',
      attrs: { id: 'meeting-secretary', name: 'secretaryId', 'aria-describedby': 'meeting-secretary-hint meeting-secretary-error' },
    },
    h('option', { attrs: { value: '', selected: selectedId === null } }, i18n.t('meetings.form.secretaryNone')),
    clerks.length > 0 ? h('optgroup', { attrs: { label: i18n.t('meetings.form.secretaryClerks') } }, ...clerks.map((u) => option(u, u.id === selectedId))) : null,
    others.length > 0 ? h('optgroup', { attrs: { label: i18n.t('meetings.form.chairOthers') } }, ...others.map((u) => option(u, u.id === selectedId))) : null,
  );
}
