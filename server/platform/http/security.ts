// The security baseline of every response and log line: headers (helmet), and a logger that never
// writes credentials — no Authorization, cookies, CSRF tokens, passwords, one-time codes or tokens,
// and no query parameters of failed SQL (they may hold hashes or secrets).
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';

/** Body and object keys whose values never reach the log. */
const SECRET_KEYS = ['password', 'newPassword', 'currentPassword', 'otp', 'token', 'csrfToken', 'secret', 'recoveryCodes', 'passwordHash', 'mfaSecret'];
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-csrf-token', 'proxy-authorization'];
/** Query parameters masked in logged URLs. */
const SECRET_QUERY = /([?&](?:token|password|otp|code|key|secret|api_key|access_token)=)[^&#]*/gi;

const redactPaths = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`]),
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/** Paths whose last segment is itself a credential (a private calendar feed's secret). */
const SECRET_PATH = /(\/api\/v1\/calendar\/feed\/)[^/?#]+/gi;

/** Masks secret query parameters and secret path segments in a URL (reset links carry their token in the fragment anyway). */
export const maskUrl = (url: string) => url.replace(SECRET_QUERY, '$1[Redacted]').replace(SECRET_PATH, '$1[Redacted]');

/** Removes the bound parameters Drizzle puts into its error messages. */
const scrubSql = (text: string | undefined) => text?.replace(/\nparams: [^\n]*/g, '\nparams: [Redacted]');

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { name, message, stack } = error;
  const extra = error as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  return {
    type: name,
    message: scrubSql(message),
    stack: scrubSql(stack),
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    ...(extra.statusCode !== undefined ? { statusCode: extra.statusCode } : {}),
    ...(extra.cause !== undefined ? { cause: serializeError(extra.cause) } : {}),
  };
}

/** Fastify's logger options: level, destination, redaction and safe serializers. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: redactPaths, censor: '[Redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method,
        url: typeof req.url === 'string' ? maskUrl(req.url) : undefined,
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
      err: serializeError,
    },
  } as NonNullable<FastifyServerOptions['logger']>;
}

/**
 * Security headers on every response. Scripts load only from this origin (no inline script);
 * styles may be inline (component libraries set them); nothing may frame the app.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Browsers ignore HSTS over plain HTTP; behind HTTPS it keeps them there.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
