// What every operation of the API has in common, added to the OpenAPI document in one place: the
// rate-limit headers, and the 401, 429 and 500 problems any route may answer with.
type Json = Record<string, any>;

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const count = { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000 };

/** The rate-limit headers sent with responses to API-key requests (IETF draft names). */
export const rateLimitHeaders = {
  'RateLimit-Limit': { description: 'Requests allowed per window for this API key', schema: count },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: count },
  'RateLimit-Reset': { description: 'Seconds until the window starts again', schema: count },
};

const problem = (description: string, headers: Json = {}) => ({
  description,
  headers,
  content: { 'application/problem+json': { schema: PROBLEM_REF } },
});

const methods = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/** The longest text each format lets through: the validators enforce the format, so these hold. */
const formatLengths: Record<string, number> = { uuid: 36, date: 10, 'date-time': 35, email: 254, uri: 2048 };

/** States the length bound that a string's format already implies, wherever a schema leaves it out. */
function boundFormattedStrings(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(boundFormattedStrings);
  if (!node || typeof node !== 'object') return;
  const schema = node as Json;
  const isString = schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
  if (isString && schema.maxLength === undefined && formatLengths[schema.format] !== undefined) schema.maxLength = formatLengths[schema.format];
  Object.values(schema).forEach(boundFormattedStrings);
}

/**
 * Declares the cross-cutting responses on every operation: rate-limit headers on 2xx and 4xx answers,
 * 401 where a credential is needed, 429 with Retry-After, and 500 (a logged bug, never caused by input).
 */
export function addHttpConventions(doc: Json, serverUrl: string): Json {
  boundFormattedStrings(doc.paths);
  boundFormattedStrings(doc.components);
  doc.servers = [{ url: serverUrl, description: 'Production: this Guanxi installation', 'x-internal': false }];
  for (const path of Object.values<Json>(doc.paths ?? {})) {
    for (const method of methods) {
      const operation = path[method];
      if (!operation) continue;
      const responses: Json = (operation.responses ??= {});
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      if (!isPublic) responses['401'] ??= problem('No valid API key or session');
      responses['429'] ??= problem('Too many requests; wait as long as Retry-After says', {
        'Retry-After': { description: 'Seconds to wait before trying again', schema: count },
      });
      responses['500'] ??= problem('An unexpected error on the server (logged; never caused by your input)');
      for (const [status, response] of Object.entries<Json>(responses)) {
        if (/^[24]/.test(status) && !response.$ref) response.headers = { ...rateLimitHeaders, ...response.headers };
      }
    }
  }
  return doc;
}
