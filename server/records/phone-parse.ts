// Parsing phone numbers, remembered for the last texts: one write parses the same number more than
// once (its field codec, then its search tokens), and libphonenumber's parse is the costliest step of
// a large import's row. A number written with + is the same whatever the default region.
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

const MAX_REMEMBERED = 1000;
const recent = new Map<string, PhoneNumber | undefined>();

/** `parsePhoneNumberFromString`, answered from memory for a text parsed moments ago. The result is shared: do not change it. */
export function parsePhone(text: string, region?: CountryCode): PhoneNumber | undefined {
  const key = text.startsWith('+') ? text : `${region ?? ''}\u0000${text}`;
  if (recent.has(key)) return recent.get(key);
  if (recent.size >= MAX_REMEMBERED) recent.clear();
  const parsed = parsePhoneNumberFromString(text, region);
  recent.set(key, parsed);
  return parsed;
}
