// How the calendar writes times: in the reader's language and the browser's time zone.

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatOf(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', options);
    timeFormats.set(key, format);
  }
  return format;
}

/** 09:30 */
export const formatTime = (iso: string, language: string) => formatOf(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** Mon 17 Mar / 3月17日周一 */
export const formatDay = (day: Date, language: string) => formatOf(language, { weekday: 'short', day: 'numeric', month: 'short' }).format(day);

/** March 2031 / 2031年3月 */
export const formatMonth = (day: Date, language: string) => formatOf(language, { year: 'numeric', month: 'long' }).format(day);

/** An occurrence's whole time: its day with start and end times (both days when it spans more). */
export function formatRange(startIso: string, endIso: string, language: string): string {
  const full = formatOf(language, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const sameDay = new Date(startIso).toDateString() === new Date(endIso).toDateString();
  return `${full.format(new Date(startIso))} – ${sameDay ? formatTime(endIso, language) : full.format(new Date(endIso))}`;
}
