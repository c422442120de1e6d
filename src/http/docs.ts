import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

// OpenAPI generated from the same zod schemas that validate requests, served at /docs.
export const docsPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      info: { title: 'ecabinet API', version: '0.1.0', description: 'Online meetings and document signing.' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ecabinet_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas registered in zod's global registry with an id (e.g. the recursive UnitTree)
    // become OpenAPI components.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list' },
    // Swagger UI injects <style> elements; only its own pages relax the app's style-src for them.
    transformStaticCSP: (header) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });
});
