export { ApiClient, type ApiClientOptions } from './client.ts';
export { ApiError, NETWORK_ERROR_CODE } from './api-error.ts';
export type * from './types.ts';
