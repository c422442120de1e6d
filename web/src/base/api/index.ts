export { ApiClient, type ApiClientOptions } from './client.ts';
export { ApiError, isProblem, NETWORK_ERROR_CODE } from './api-error.ts';
export type * from './types.ts';
