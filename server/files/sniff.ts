// Which files may be attached, judged by their bytes: the client's Content-Type and file name are
// never trusted for what is stored or served.
import { fileTypeFromBuffer } from 'file-type';

/** Types recognised by their signature: documents, images, archives. */
const allowedMimes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/x-cfb', // .doc, .xls, .ppt
  'application/zip',
  'audio/mpeg',
  'audio/wav',
  'audio/x-wav',
  'audio/mp4',
  'video/mp4',
]);

/** Text files have no signature: allowed by name when the bytes really are UTF-8 text. */
const textTypes: Record<string, string> = { txt: 'text/plain', csv: 'text/csv', md: 'text/markdown', ics: 'text/calendar', vcf: 'text/vcard' };

/** The content type of an allowed file, or undefined when the file may not be attached. */
export async function sniffContentType(content: Buffer, fileName: string): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) return allowedMimes.has(detected.mime) ? detected.mime : undefined;
  const extension = fileName.split('.').at(-1)?.toLowerCase() ?? '';
  const textType = textTypes[extension];
  if (!textType || content.includes(0)) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return undefined;
  }
  return `${textType}; charset=utf-8`;
}
