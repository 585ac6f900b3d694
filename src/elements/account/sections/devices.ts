/**
 * The account's "Devices" section: the devices signed in to the account, forgetting one, and
 * remembering this one (a remembered device can skip two-step verification).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CognitoClient, DeviceInfo } from '../../../core/index.ts';
import { emit } from '../../shared/events.ts';
import { type AccountHost, Section } from './section.ts';

export class DevicesSection extends Section<'forget' | 'remember'> {
  /** Undefined until listed (or when listing failed). */
  list?: DeviceInfo[];

  constructor(host: AccountHost) {
    super(host, 'devices');
  }

  override reset(): void {
    super.reset();
    this.list = undefined;
  }

  /** Lists the devices; `current` says whether this listing is still the one to show. */
  async load(client: CognitoClient, current: () => boolean): Promise<void> {
    try {
      const devices = await client.listDevices();
      if (current()) this.#show(devices);
    } catch (error) {
      if (!current()) return;
      this.#show(undefined);
      this.fail(error);
    }
  }

  #show(list: DeviceInfo[] | undefined): void {
    this.list = list;
    this.host.el.requestUpdate();
  }

  async #forget(device: DeviceInfo): Promise<void> {
    const { t } = this.host;
    const done = await this.run(
      'forget',
      async (client, signal) => {
        await client.forgetDevice(device.deviceKey, { signal });
        this.#show(await client.listDevices({ signal }));
        return true;
      },
      () => t('account.devices.forgotten'),
    );
    if (done) emit(this.host.el, 'cognito-device-forgotten', { deviceKey: device.deviceKey });
  }

  async #remember(): Promise<void> {
    const { t } = this.host;
    await this.run(
      'remember',
      async (client, signal) => {
        await client.rememberDevice({ signal });
        this.#show(await client.listDevices({ signal }));
      },
      () => t('account.devices.rememberDone'),
    );
  }

  render(): TemplateResult {
    const { t, formatDate } = this.host;
    const devices = this.list;
    const canRemember = devices?.some((d) => d.current && !d.remembered) ?? false;
    return this.frame(
      t('account.devices.title'),
      html`${
        devices === undefined
          ? nothing
          : devices.length === 0
            ? html`<p class="cognito-text">${t('account.devices.none')}</p>`
            : html`<ul class="cognito-list">
                ${devices.map((device) => {
                  const name = device.name || t('account.devices.unnamed');
                  const status = t(device.remembered ? 'account.devices.remembered' : 'account.devices.notRemembered');
                  const lastUsed = device.lastAuthenticatedAt && t('account.devices.lastUsed', { date: formatDate(device.lastAuthenticatedAt) });
                  // Devices are named after browser and OS only (core/device-name.ts), so several share a
                  // name: the Forget button says which one too, as the row does, for whoever hears only it.
                  const detail = device.current ? t('account.devices.current') : lastUsed || status;
                  return html`<li class="cognito-list-item" data-device=${device.deviceKey} ?data-current=${device.current}>
                    <div class="cognito-device">
                      <span class="cognito-device-name">${name}</span>
                      ${device.current ? html`<strong class="cognito-badge">${t('account.devices.current')}</strong>` : nothing}
                      <span class="cognito-hint">${status}${lastUsed ? html` · ${lastUsed}` : nothing}</span>
                    </div>
                    <button class="cognito-button cognito-button--secondary" type="button" ?disabled=${this.busy} @click=${() => this.#forget(device)}>
                      <span aria-hidden="true">${t('account.devices.forget')}</span><span class="cognito-visually-hidden">${t('account.devices.forgetNamed', { name, detail })}</span>
                    </button>
                  </li>`;
                })}
              </ul>`
      }
        ${
          canRemember
            ? html`<p class="cognito-hint">${t('account.devices.rememberHint')}</p>
              <div class="cognito-actions">
                <button class="cognito-button cognito-button--secondary" type="button" data-remember ?disabled=${this.busy} @click=${() => this.#remember()}>
                  ${t('account.devices.remember')}
                </button>
              </div>`
            : nothing
        }
        ${this.regions()}`,
    );
  }
}
