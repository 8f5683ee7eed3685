// RFC 9457 problem details: the one error shape of the API.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

const titles: Record<number, string> = {
  400: 'Invalid request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal error',
};

/** An error that becomes a problem+json response with the given status. */
export class Problem extends Error {
  readonly status: number;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;
  constructor(status: number, detail: string, errors: FieldError[] = [], headers: Record<string, string> = {}) {
    super(detail);
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }
}

/** 400 with one field-level error. */
export function invalidField(field: string, code: string, message: string): Problem {
  return new Problem(400, message, [{ field, code, message }]);
}

/** 404 that says nothing about whether the thing exists for someone else. */
export function notFound(what = 'The resource'): Problem {
  return new Problem(404, `${what} was not found.`);
}

/** Serialises a problem for the wire. */
export function problemBody(status: number, detail: string, instance: string, errors: FieldError[] = []) {
  return {
    type: `https://guanxi.dev/problems/${status}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance,
    ...(errors.length ? { errors } : {}),
  };
}

// PostgreSQL errors a client can cause; anything else is a bug and stays a 500.
const pgClientErrors: Record<string, [number, string]> = {
  '23505': [409, 'A record with this value already exists.'],
  '23503': [400, 'A referenced record does not exist.'],
  '22001': [400, 'A value is too long.'],
  '22003': [400, 'A number is out of range.'],
  '54000': [400, 'A value is too large to store or index.'],
  '22007': [400, 'A date or time is not valid.'],
  '22008': [400, 'A date or time is out of range.'],
  '22P02': [400, 'A value has the wrong format.'],
  '22009': [400, 'A time zone offset is out of range.'],
  '22021': [400, 'A text value contains a character that cannot be stored (NUL).'],
  '22P05': [400, 'A value contains a character that cannot be stored (NUL).'],
  '40001': [409, 'The record was changed concurrently; retry.'],
  '40P01': [409, 'The record was changed concurrently; retry.'],
};

function fieldErrorsFromValidation(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const path = (v.instancePath || '').split('/').filter(Boolean);
    // required and additionalProperties report on the object: name the property itself (label.zh-CN).
    const property = v.params?.missingProperty ?? v.params?.additionalProperty;
    if (property !== undefined) path.push(String(property));
    return { field: path.join('.'), code: v.keyword, message: v.message ?? 'is invalid' };
  });
}

/** Installs the handlers that turn every error, including Fastify's own, into problem+json. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { cause?: unknown }, request, reply) => {
    const instance = request.url.split('?')[0] ?? request.url;
    const send = (status: number, detail: string, errors: FieldError[] = []) =>
      reply.status(status).type('application/problem+json').send(problemBody(status, detail, instance, errors));

    if (error instanceof Problem) {
      reply.headers(error.headers);
      return send(error.status, error.message, error.errors);
    }
    if (error.validation) return send(400, 'The request is not valid.', fieldErrorsFromValidation(error));
    const pgCode = pgErrorCode(error);
    if (pgCode && pgClientErrors[pgCode]) {
      const [status, detail] = pgClientErrors[pgCode];
      return send(status, detail);
    }
    const status = error.statusCode ?? 500;
    // The body parser's own errors (malformed or empty JSON) concern the body as a whole.
    if (status === 400 && error.code?.startsWith('FST_ERR_CTP_')) return send(400, error.message, [{ field: 'body', code: 'invalid_json', message: error.message }]);
    if (status >= 400 && status < 500) return send(status, error.message);
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'Something went wrong on our side. It has been logged.');
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).type('application/problem+json').send(problemBody(404, 'No such endpoint.', request.url.split('?')[0] ?? ''));
  });
}

/**
 * Fastify's `frameworkErrors` option: errors raised while routing (a malformed percent-encoding, a path
 * parameter over maxParamLength) bypass the error handler and would otherwise answer plain JSON.
 */
export function frameworkErrorsAsProblems(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  const errors = status === 400 ? [{ field: 'url', code: 'invalid_url', message: error.message }] : [];
  reply.status(status).type('application/problem+json').send(problemBody(status, error.message, request.url.split('?')[0] ?? '', errors));
}

/** The SQLSTATE of a database error, looking through wrappers (Drizzle wraps driver errors). */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}
