// Reading vCard files (3.0 and 4.0, RFC 2426 / RFC 6350) into the import's table: one row per card,
// with fixed column titles a ready-made mapping fills contacts from. Lines are unfolded, values
// decoded (quoted-printable with its charset, as 3.0 phones write them; UTF-8 otherwise) and unescaped.

/** The column titles of a vCard file read as a table. */
export const vcardColumns = {
  name: 'Full name',
  email: 'E-mail',
  phone: 'Phone',
  mobile: 'Mobile',
  organization: 'Organization',
  department: 'Department',
  title: 'Title',
  city: 'City',
  address: 'Address',
  birthday: 'Birthday',
  note: 'Note',
} as const;
type Column = keyof typeof vcardColumns;
const columnOrder = Object.keys(vcardColumns) as Column[];

/** One property line: its name (without a group), parameters (upper-case names) and raw value. */
interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/** Whether bytes (after a BOM and blank lines) start a vCard. */
export function isVcard(text: string): boolean {
  return /^\uFEFF?\s*BEGIN:VCARD\s*$/im.test(text.slice(0, 200).split(/\r?\n/).find((line) => line.trim() !== '') ?? '');
}

/** Logical lines: folded lines (starting with a space or tab) joined; a quoted-printable soft break (`=` at the end) too. */
function unfold(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const last = lines.length - 1;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last >= 0) lines[last] += line.slice(1);
    else if (last >= 0 && /QUOTED-PRINTABLE/i.test(lines[last]!.split(':')[0]!) && lines[last]!.endsWith('=')) lines[last] = lines[last]!.slice(0, -1) + line;
    else lines.push(line);
  }
  return lines;
}

/** Splits on a separator outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let isQuoted = false;
  for (const char of text) {
    if (char === '"') isQuoted = !isQuoted;
    if (char === separator && !isQuoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function parseProperty(line: string): Property | undefined {
  const colon = splitOutsideQuotes(line, ':');
  if (colon.length < 2) return undefined;
  const [head, ...params] = splitOutsideQuotes(colon[0]!, ';');
  const map = new Map<string, string[]>();
  for (const param of params) {
    // vCard 2.1 and some 3.0 writers leave the name out: `TEL;CELL`, `NOTE;QUOTED-PRINTABLE`.
    const bareKey = /^(QUOTED-PRINTABLE|BASE64|8BIT)$/i.test(param) ? 'ENCODING' : 'TYPE';
    const [key, value] = param.includes('=') ? [param.slice(0, param.indexOf('=')), param.slice(param.indexOf('=') + 1)] : [bareKey, param];
    const values = value.replace(/"/g, '').split(',').map((v) => v.trim());
    map.set(key.toUpperCase(), [...(map.get(key.toUpperCase()) ?? []), ...values]);
  }
  return { name: head!.split('.').pop()!.toUpperCase(), params: map, value: line.slice(colon[0]!.length + 1) };
}

function decodeQuotedPrintable(text: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  try {
    return new TextDecoder(charset).decode(Uint8Array.from(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
  }
}

/** The components of a value: split on unescaped `;`, each unescaped (`\n`, `\,`, `\;`, `\\`). */
function components(property: Property): string[] {
  const encoding = property.params.get('ENCODING')?.[0]?.toUpperCase();
  const raw = encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(property.value, property.params.get('CHARSET')?.[0] ?? 'utf-8') : property.value;
  const parts: string[] = [''];
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (char === '\\' && i + 1 < raw.length) {
      const next = raw[++i]!;
      parts[parts.length - 1] += next === 'n' || next === 'N' ? '\n' : next;
    } else if (char === ';') parts.push('');
    else parts[parts.length - 1] += char;
  }
  return parts.map((part) => part.trim());
}

function typesOf(property: Property): string[] {
  return (property.params.get('TYPE') ?? []).map((t) => t.toLowerCase());
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A name from N (family; given; additional; …): Chinese names family first without a space. */
function nameFromN(parts: readonly string[]): string {
  const [family = '', given = '', additional = ''] = parts;
  if (cjk.test(family + given)) return family + given;
  return [given, additional, family].filter(Boolean).join(' ');
}

/** A birthday as YYYY-MM-DD (vCard writes 19800312 or 1980-03-12). */
function isoDate(text: string): string {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(text);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : text;
}

/** One card's row. The preferred e-mail and phone (PREF) come first; a cell phone is the mobile. */
function rowOf(properties: readonly Property[]): string[] {
  const values: Partial<Record<Column, string>> = {};
  const isPreferred = (p: Property) => typesOf(p).includes('pref') || p.params.has('PREF');
  const ordered = properties.toSorted((a, b) => Number(isPreferred(b)) - Number(isPreferred(a)));
  const setOnce = (column: Column, value: string | undefined) => {
    if (value && values[column] === undefined) values[column] = value;
  };
  for (const property of ordered) {
    const parts = components(property);
    switch (property.name) {
      case 'FN':
        setOnce('name', parts.join(';'));
        break;
      case 'EMAIL':
        setOnce('email', parts[0]);
        break;
      case 'TEL':
        setOnce(typesOf(property).includes('cell') ? 'mobile' : 'phone', parts.join(';').replace(/^tel:/i, ''));
        break;
      case 'ORG':
        setOnce('organization', parts[0]);
        setOnce('department', parts[1]);
        break;
      case 'TITLE':
        setOnce('title', parts.join(';'));
        break;
      case 'ADR':
        // post office box; extended; street; locality; region; postal code; country
        setOnce('city', parts[3]);
        setOnce('address', [parts[2], parts[3], parts[4], parts[5], parts[6]].filter(Boolean).join(', '));
        break;
      case 'BDAY':
        setOnce('birthday', isoDate(parts[0] ?? ''));
        break;
      case 'NOTE':
        setOnce('note', parts.join(';'));
        break;
    }
  }
  const n = properties.find((p) => p.name === 'N');
  if (!values.name && n) setOnce('name', nameFromN(components(n)));
  return columnOrder.map((column) => values[column] ?? '');
}

/** Reads every card of a vCard file into a header (the fixed column titles) and one row per card. */
export function readVcardTable(text: string): { header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  let card: Property[] | undefined;
  for (const line of unfold(text.replace(/^\uFEFF/, ''))) {
    const property = parseProperty(line);
    if (!property) continue;
    if (property.name === 'BEGIN' && property.value.trim().toUpperCase() === 'VCARD') card = [];
    else if (property.name === 'END' && property.value.trim().toUpperCase() === 'VCARD') {
      if (card) rows.push(rowOf(card));
      card = undefined;
    } else card?.push(property);
  }
  return { header: columnOrder.map((column) => vcardColumns[column]), rows };
}
