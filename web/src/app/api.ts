// The one way the web app talks to the server: JSON over fetch with the session cookie, the CSRF
// token on writes, and problem+json errors turned into ApiError (with their field errors).
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.status = problem.status;
    this.problem = problem;
  }
}

let csrfToken: string | undefined;
let language = 'zh-CN';

/** Remembers the session's CSRF token, sent with every write. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The language the server should answer problems in. */
export function setApiLanguage(locale: string): void {
  language = locale;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
}

/** Calls the API; resolves with the JSON body (null for 204) or throws ApiError. A Blob (a file) is sent as it is. */
export async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const isFile = body instanceof Blob;
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'accept-language': language,
      ...(body === undefined ? {} : { 'content-type': isFile ? body.type || 'application/octet-stream' : 'application/json' }),
      ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : isFile ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) throw new ApiError({ status: response.status, ...(json as object) });
  return { data: json as T, etag: response.headers.get('etag') };
}

/** GET and return the body. */
export async function get<T>(path: string): Promise<T> {
  return (await request<T>('GET', path)).data;
}

/** Query string from the defined values of an object. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
