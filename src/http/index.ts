// HTTP plumbing shared by every capability: the OpenAPI description at /docs and the built web app.
export { docsPlugin } from './docs.ts';
export { webAppPlugin } from './web-app.ts';
