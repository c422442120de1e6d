// HTTP plumbing shared by every capability: security headers, the OpenAPI description at /docs,
// the built web app, 404 and 405 answers, answers while stopping, and how a request's path reads
// once decoded.
export { docsPlugin } from './docs.ts';
export { drainingPlugin } from './draining.ts';
export { isApiPath, requestPath } from './request-path.ts';
export { RouteMethods } from './route-methods.ts';
export { securityHeadersPlugin } from './security-headers.ts';
export { webAppPlugin, type WebAppOptions } from './web-app.ts';
