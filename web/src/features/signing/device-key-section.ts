import type { CertificateInfo, Me } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { certificateFacts } from './certificate-card.ts';
import { certificationRequest } from './certification-request.ts';
import { deviceKeysOf, deviceKeysSupported, forgetDeviceKey, newDeviceKey, saveDeviceKey } from './device-key-store.ts';
import { field, FormProblem, secretInput, signingForm } from './form-parts.ts';
import type { SigningApi } from './signing-api.ts';

/**
 * Tablet keys: the user's certified device keys (this tablet's marked), and making one here —
 * WebCrypto key, CSR, certificate from the server, CryptoKey kept in IndexedDB.
 */
export async function deviceKeySection(deps: {
  i18n: I18n;
  api: SigningApi;
  me: Me;
  devices: readonly CertificateInfo[];
  onChange: (notice?: string) => void;
}): Promise<HTMLElement> {
  const { i18n, api, me } = deps;
  const here = new Set((await deviceKeysOf(me.id)).map((k) => k.credentialId));

  const list =
    deps.devices.length === 0
      ? h('p', { class: 'field__hint', testid: 'signing-device-none' }, i18n.t('signing.device.none'))
      : h(
          'ul',
          { class: 'signing-devices' },
          ...deps.devices.map((device) =>
            h(
              'li',
              { class: 'signing-device', testid: here.has(device.id) ? 'signing-device-here' : 'signing-device-other' },
              h(
                'div',
                { class: 'signing-device__head' },
                h('strong', null, device.label ?? i18n.t('signing.device.labelDefault')),
                h('span', { class: 'badge' }, i18n.t(here.has(device.id) ? 'signing.device.thisDevice' : 'signing.device.otherDevice')),
                h(
                  'button',
                  {
                    class: 'button button--secondary',
                    attrs: { type: 'button' },
                    on: {
                      click: () =>
                        void api
                          .retireDeviceKey(device.id)
                          .then(() => forgetDeviceKey(device.id))
                          .then(() => deps.onChange()),
                    },
                  },
                  i18n.t('signing.device.remove'),
                ),
              ),
              certificateFacts(i18n, device, here.has(device.id) ? 'signing-device-cert' : 'signing-device-cert-other'),
            ),
          ),
        );

  let form: HTMLElement;
  if (!deviceKeysSupported()) {
    form = h('p', { class: 'alert', attrs: { role: 'alert' } }, i18n.t('signing.device.unsupported'));
  } else {
    const pin = secretInput('signing-device-pin', 'signing-device-pin', 'pin');
    const label = h('input', {
      class: 'field__input',
      testid: 'signing-device-label',
      attrs: { id: 'signing-device-label', type: 'text', maxlength: 80, value: i18n.t('signing.device.labelDefault') },
    });
    ({ form } = signingForm({
      testid: 'signing-device',
      i18n,
      submitLabel: i18n.t('signing.device.create'),
      children: [field('signing-device-label', i18n.t('signing.device.label'), label), field('signing-device-pin', i18n.t('signing.pin'), pin)],
      action: async () => {
        if (!pin.value) throw new FormProblem(i18n.t('signing.pinMissing'));
        const keys = await newDeviceKey();
        const csr = await certificationRequest(keys, me.username);
        const certificate = await api.registerDeviceKey({ csr, pin: pin.value, label: label.value.trim() || undefined });
        pin.value = '';
        await saveDeviceKey({ credentialId: certificate.id, userId: me.id, privateKey: keys.privateKey, publicKey: keys.publicKey, createdAt: new Date().toISOString() });
        deps.onChange(i18n.t('signing.device.created'));
      },
    }));
  }

  return h(
    'section',
    { class: 'panel', testid: 'signing-devices', attrs: { 'aria-labelledby': 'signing-device-title' } },
    h('h2', { class: 'panel__title', attrs: { id: 'signing-device-title' } }, i18n.t('signing.device.title')),
    h('p', null, i18n.t('signing.device.intro')),
    list,
    here.size === 0 ? form : null,
  );
}
