import type { ApiClient } from '../api/index.ts';
import type { I18n } from '../i18n/index.ts';
import type { NavigateOptions } from '../router/index.ts';

/**
 * What every feature gets from the app: created once in `app/create-app.ts` and passed down
 * explicitly (no module singletons), so a feature can be tested with fakes.
 */
export interface AppServices {
  readonly api: ApiClient;
  readonly i18n: I18n;
  navigate(to: string, options?: NavigateOptions): Promise<void>;
}
