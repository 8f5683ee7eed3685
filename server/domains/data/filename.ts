// The download's file name: the object's label in the reader's language and the day, with an ASCII
// fallback for old clients (RFC 6266 with RFC 5987's `filename*` for Chinese names).

// Characters no file system or header should get: path separators, reserved ones, controls, quotes.
const unsafe = /[\\/:*?"<>|\p{Cc}\p{Cf};,]/gu;

/** Percent-encodes a value as RFC 5987's attr-char demands (encodeURIComponent leaves ' ( ) * as they are). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Content-Disposition of an export: `attachment` with a plain and a UTF-8 file name. */
export function attachmentDisposition(label: string, apiName: string, extension: string, day: Date): string {
  const date = day.toISOString().slice(0, 10);
  const name = label.replace(unsafe, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || apiName;
  const ascii = `${apiName.replace(/[^A-Za-z0-9_-]/g, '') || 'export'}-${date}.${extension}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(`${name}-${date}.${extension}`)}`;
}
