// Writing contacts as vCard 4.0 (RFC 6350): text escaped (backslash, comma, semicolon, line breaks),
// every line folded at 75 octets without splitting a UTF-8 character, CRLF line ends.
import type { Cell } from './cells.ts';

/** A text value escaped for a vCard property. */
export function escapeVcardText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** A content line folded into lines of at most 75 octets (continuations start with a space), with CRLFs. */
export function foldVcardLine(line: string): string {
  let out = '';
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > 75) {
      out += current + '\r\n';
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  return out + current + '\r\n';
}

/** The text a cell holds in a vCard, or undefined when it is empty. */
function textOf(cell: Cell | undefined): string | undefined {
  switch (cell?.kind) {
    case undefined:
    case 'empty':
      return undefined;
    case 'text':
      return cell.text || undefined;
    case 'phone':
      return cell.e164;
    case 'date':
    case 'datetime':
      return cell.iso;
    case 'number':
      return String(cell.value);
    case 'money':
      return `${cell.currency} ${cell.amount}`;
    case 'boolean':
      return String(cell.value);
  }
}

/** One contact as a vCard 4.0, from its cells by field name (a field the caller may not see is absent). */
export function contactVcard(cells: ReadonlyMap<string, Cell>): string {
  const text = (name: string) => textOf(cells.get(name));
  const lines = ['BEGIN:VCARD', 'VERSION:4.0'];
  const add = (property: string, value: string | undefined, isRaw = false) => {
    if (value !== undefined) lines.push(`${property}:${isRaw ? value : escapeVcardText(value)}`);
  };
  const name = text('name') ?? '';
  lines.push(`FN:${escapeVcardText(name)}`);
  // Our contacts keep one name: it is the family name component (a structured N is required of 3.0 readers).
  lines.push(`N:${escapeVcardText(name)};;;;`);
  add('UID', text('id') ? `urn:uuid:${text('id')}` : undefined, true);
  add('EMAIL', text('email'));
  add('TEL;VALUE=uri;TYPE=work', text('phone') ? `tel:${text('phone')}` : undefined, true);
  add('TEL;VALUE=uri;TYPE=cell', text('mobile') ? `tel:${text('mobile')}` : undefined, true);
  const organization = text('accountId');
  const department = text('department');
  if (organization !== undefined || department !== undefined) lines.push(`ORG:${escapeVcardText(organization ?? '')}${department ? `;${escapeVcardText(department)}` : ''}`);
  add('TITLE', text('title'));
  const city = text('city');
  if (city !== undefined) lines.push(`ADR:;;;${escapeVcardText(city)};;;`);
  add('BDAY', text('birthday')?.replace(/-/g, ''), true);
  add('NOTE', text('notes'));
  lines.push('END:VCARD');
  return lines.map(foldVcardLine).join('');
}

/** The contact fields a vCard carries (id as its UID). */
export const vcardFieldNames = ['id', 'name', 'email', 'phone', 'mobile', 'accountId', 'department', 'title', 'city', 'birthday', 'notes'] as const;
