// Comparison keys for duplicate detection: what two values must share to be "the same". Company names
// lose what varies between two spellings of one company — the legal form (有限公司, Ltd), the
// organisational suffix (集团, 分公司) and the place of registration, written as a prefix (北京…) or in
// brackets (…(北京)有限公司) — so that 北京星空在线文化传播有限公司 and 星空在线文化传播(北京)有限公司 meet.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { defaultPhoneRegion } from '../../records/index.ts';

// Provinces, autonomous regions and municipalities, then the larger cities: the places a Chinese
// company name starts with or holds in brackets. Longest first, so 内蒙古 wins over a shorter match.
const provinces = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西',
  '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古',
  '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
];
const cities = [
  '深圳', '广州', '杭州', '南京', '苏州', '无锡', '宁波', '温州', '成都', '武汉', '西安', '长沙', '郑州', '济南',
  '青岛', '大连', '沈阳', '长春', '哈尔滨', '厦门', '福州', '合肥', '南昌', '昆明', '贵阳', '南宁', '海口', '三亚',
  '石家庄', '太原', '呼和浩特', '兰州', '西宁', '银川', '乌鲁木齐', '拉萨', '东莞', '佛山', '珠海', '中山', '惠州',
  '常州', '南通', '徐州', '绍兴', '嘉兴', '金华', '台州', '烟台', '潍坊', '唐山', '保定', '洛阳', '宜昌', '襄阳',
];
const placeNames = [...provinces, ...cities].toSorted((a, b) => b.length - a.length);
const placePattern = placeNames.join('|');
// A place, with the administrative word that may follow it (北京市, 广东省, 广西壮族自治区).
const place = `(?:${placePattern})(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?`;
const leadingPlace = new RegExp(`^(?:${place})+`);
const trailingPlace = new RegExp(`(?:${place})+$`);
// Brackets in a Chinese company name hold where it is registered (or a former name): never the name.
const bracketed = /[(（【[][^)）】\]]*[)）】\]]/g;

// Legal forms and organisational words at the end of a name, longest first; removed repeatedly, so
// 集团股份有限公司 and 上海分公司 go too.
const chineseSuffixes = [
  '股份有限公司', '有限责任公司', '集团有限公司', '控股有限公司', '有限公司', '股份公司', '集团公司', '总公司', '分公司',
  '办事处', '分部', '集团', '控股', '公司', '企业', '工作室', '事务所', '分店', '门店',
].toSorted((a, b) => b.length - a.length);

// The same for names written in Latin letters (compared in lower case, punctuation removed).
const latinSuffixes = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'plc', 'co', 'corp', 'corporation', 'company', 'gmbh', 'ag',
  'sa', 'sas', 'sarl', 'bv', 'nv', 'oy', 'ab', 'as', 'spa', 'srl', 'pte', 'pty', 'kk', 'group', 'holdings', 'holding',
]);

const hanCharacter = /\p{Script=Han}/u;

/** Whether a text is written (at least partly) in Chinese characters. */
export function isChinese(text: string): boolean {
  return hanCharacter.test(text);
}

/** Full-width letters and brackets become plain ones, spaces and case go (the common ground of any name). */
function canonicalText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function stripChineseSuffixes(name: string): string {
  let current = name;
  for (;;) {
    const suffix = chineseSuffixes.find((s) => current.endsWith(s) && current.length > s.length);
    const withoutPlace = current.replace(trailingPlace, '');
    if (suffix) current = current.slice(0, -suffix.length);
    else if (withoutPlace !== current && withoutPlace.length > 0) current = withoutPlace;
    else return current;
  }
}

/**
 * The comparison key of a company name: without its legal form, organisational suffix and place of
 * registration (Chinese), or its legal-form words and punctuation (Latin). Empty when nothing is left.
 */
export function normalizeCompanyName(name: string): string {
  const text = canonicalText(name);
  if (isChinese(text)) {
    const compact = text.replace(bracketed, '').replace(/[\s·.,，、\-—_]/g, '');
    const withoutPlace = compact.replace(leadingPlace, '');
    return stripChineseSuffixes(withoutPlace.length > 0 ? withoutPlace : compact);
  }
  const words = text.replace(/&/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean);
  while (words.length > 1 && latinSuffixes.has(words.at(-1)!)) words.pop();
  return words.join(' ');
}

/** The comparison key of a person's name: case, accents, punctuation and word order do not count. */
export function normalizePersonName(name: string): string {
  const text = canonicalText(name).normalize('NFD').replace(/\p{M}/gu, '');
  if (isChinese(text)) return text.replace(/[\s·.]/g, '');
  return text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean).toSorted().join(' ');
}

/** The comparison key of an e-mail address (as the engine stores it: trimmed, lower case). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A phone number in E.164 (as the engine stores it), or '' when it is not a possible number. */
export function normalizePhone(phone: string, defaultRegion: CountryCode = defaultPhoneRegion()): string {
  const parsed = parsePhoneNumberFromString(phone.trim(), defaultRegion);
  return parsed?.isPossible() ? parsed.number : '';
}

/** Plain text compared as typed, without case or surrounding spaces. */
export function normalizeText(text: string): string {
  return canonicalText(text);
}

/** The pairs of neighbouring characters of a text. */
function bigramsOf(text: string): string[] {
  const chars = [...text];
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/** Sørensen–Dice similarity of two strings' character bigrams (0…1): for Chinese names, where words have no spaces. */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const left = bigramsOf(a);
  const right = bigramsOf(b);
  if (left.length === 0 || right.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of left) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of right) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared += 1;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}
