// RFC 9457 problem details: the one error shape of the API.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasMessage, negotiateLocale, t, wordFieldError, type Locale, type MessageKey } from '../i18n/index.ts';
import type { FieldError } from './field-error.ts';
import { fieldErrorsFromAjv } from './ajv-errors.ts';

export type { FieldError };

 /** The stable machine code of each status: clients branch on it, never on the wording. */
export const problemCodes: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  412: 'version_mismatch',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  428: 'precondition_required',
  429: 'rate_limited',
  431: 'headers_too_large',
  500: 'internal_error',
};

/**
 * What a problem says: a catalogue message, so every language gets its own words. `en` is the throw
 * site's own English text when it is more specific than the catalogue's (English readers get it).
 */
export interface ProblemDetail {
  key: MessageKey;
  params?: Record<string, unknown>;
  en?: string;
  /** A code more specific than the status's own (e.g. `record-locked` for a 409), for clients to branch on. */
  code?: string;
}

/** The codes of field errors that have a message in the catalogues (`field.<code>`). */
export type FieldCode = MessageKey extends infer K ? (K extends `field.${infer C}` ? C : never) : never;

/** An error that becomes a problem+json response with the given status, worded in the caller's language. */
export class Problem extends Error {
  readonly status: number;
  readonly detail: ProblemDetail;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;
  constructor(status: number, detail: ProblemDetail, errors: FieldError[] = [], headers: Record<string, string> = {}) {
    // The type already demands it; this catches a cast or plain JavaScript, in tests rather than in Chinese.
    if (!detail || typeof detail !== 'object' || !hasMessage(detail.key)) throw new TypeError(`A problem needs a catalogue message key (status ${status}).`);
    super(detail.en ?? t('en', detail.key, detail.params));
    this.status = status;
    this.detail = detail;
    this.errors = errors;
    this.headers = headers;
  }
}

/** 400 with one field-level error; the detail is the catalogue's message for the code, the English one the text given. */
export function invalidField(field: string, code: FieldCode, message: string): Problem {
  return new Problem(400, { key: `field.${code}`, en: message }, [{ field, code, message }]);
}

/** 404 that says nothing about whether the thing exists for someone else. */
export function notFound(what = 'The resource'): Problem {
  return new Problem(404, { key: 'detail.404', en: `${what} was not found.` });
}

/** The catalogue's generic detail of a status (for errors raised by the framework, not by a throw site). */
export function statusDetail(status: number, en?: string): ProblemDetail {
  const key = `detail.${status}`;
  return { key: hasMessage(key) ? key : status >= 500 ? 'detail.500' : 'detail.400', ...(en ? { en } : {}) };
}

/** Serialises a problem for the wire, worded in the caller's language. */
export function problemBody(status: number, detail: ProblemDetail, instance: string, errors: FieldError[] = [], locale: Locale = 'en') {
  const titleKey = `title.${status}`;
  return {
    type: `https://guanxi.dev/problems/${status}`,
    title: hasMessage(titleKey) ? t(locale, titleKey) : 'Error',
    status,
    code: detail.code ?? problemCodes[status] ?? 'error',
    detail: locale === 'en' && detail.en ? detail.en : t(locale, detail.key, detail.params),
    instance,
    ...(errors.length
      ? { errors: errors.map(({ params: _params, ...error }) => ({ ...error, message: wordFieldError(locale, { ...error, params: _params }) })) }
      : {}),
  };
}

/**
 * The language of a request's answers: what Accept-Language asks for (the web app sends its own);
 * else the signed-in user's language for a web session; else English (API keys, anonymous callers).
 */
export function localeOf(request: FastifyRequest): Locale {
  const asked = negotiateLocale(request.headers['accept-language']);
  if (asked) return asked;
  const signedIn = request as unknown as { ctx?: { locale?: string } | null; authSession?: unknown };
  if (signedIn.authSession && signedIn.ctx?.locale === 'zh-CN') return 'zh-CN';
  return 'en';
}

// PostgreSQL errors a client can cause; anything else is a bug and stays a 500.
const pgClientErrors: Record<string, [number, MessageKey]> = {
  '23505': [409, 'detail.dbUnique'],
  '23503': [400, 'detail.dbReference'],
  '22001': [400, 'detail.dbTooLong'],
  '22003': [400, 'detail.dbOutOfRange'],
  '54000': [400, 'detail.dbTooLarge'],
  '22007': [400, 'detail.dbBadDate'],
  '22008': [400, 'detail.dbDateOutOfRange'],
  '22P02': [400, 'detail.dbFormat'],
  '22009': [400, 'detail.dbTimeZone'],
  '22021': [400, 'detail.dbNul'],
  '22P05': [400, 'detail.dbNul'],
  '40001': [409, 'detail.dbConcurrent'],
  '40P01': [409, 'detail.dbConcurrent'],
};

/** Installs the handlers that turn every error, including Fastify's own, into problem+json. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { cause?: unknown }, request, reply) => {
    const instance = request.url.split('?')[0] ?? request.url;
    const locale = localeOf(request);
    const send = (status: number, detail: ProblemDetail, errors: FieldError[] = []) =>
      reply.status(status).type('application/problem+json').send(problemBody(status, detail, instance, errors, locale));

    if (error instanceof Problem) {
      reply.headers(error.headers);
      return send(error.status, error.detail, error.errors);
    }
    // Fastify's own schema check of a route: the same mapping as record bodies; `body`, `querystring` …
    // are not part of the field names a client sees.
    if (error.validation) return send(400, { key: 'detail.validation' }, fieldErrorsFromAjv(error.validation as never));
    const pgCode = pgErrorCode(error);
    if (pgCode && pgClientErrors[pgCode]) {
      const [status, key] = pgClientErrors[pgCode];
      return send(status, { key });
    }
    const status = error.statusCode ?? 500;
    // The body parser's own errors (malformed or empty JSON) concern the body as a whole.
    if (status === 400 && error.code?.startsWith('FST_ERR_CTP_')) return send(400, { key: 'field.invalid_json', en: error.message }, [{ field: 'body', code: 'invalid_json', message: error.message }]);
    if (status === 413 || status === 415) return send(status, statusDetail(status));
    if (status >= 400 && status < 500) return send(status, statusDetail(status, error.message));
    request.log.error({ err: error }, 'unhandled error');
    return send(500, statusDetail(500));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).type('application/problem+json').send(problemBody(404, { key: 'detail.noSuchEndpoint' }, request.url.split('?')[0] ?? '', [], localeOf(request)));
  });
}

/**
 * Fastify's `frameworkErrors` option: errors raised while routing (a malformed percent-encoding, a path
 * parameter over maxParamLength) bypass the error handler and would otherwise answer plain JSON.
 */
export function frameworkErrorsAsProblems(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  const errors = status === 400 ? [{ field: 'url', code: 'invalid_url', message: error.message }] : [];
  reply.status(status).type('application/problem+json').send(problemBody(status, statusDetail(status, error.message), request.url.split('?')[0] ?? '', errors, localeOf(request)));
}

/** The SQLSTATE of a database error, looking through wrappers (Drizzle wraps driver errors). */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * Fastify's `clientErrorHandler`: what Node refuses before any routing (a URL or headers over its
 * limit: 431; a malformed request: 400) still answers as problem+json, then closes the connection.
 */
export function clientErrorAsProblem(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify(problemBody(status, status === 431 ? statusDetail(431) : { key: 'detail.unreadableRequest' }, ''));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
