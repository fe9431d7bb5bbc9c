// Dates more precise than a year, in the formats clinical text uses.
const MONTHS = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:19|20)\d{2}`;

/**
 * Each pattern has a named group `year` when the date carries one. Month names need their capital and a number next
 * to them, so "may" the verb and "March" alone are not dates.
 */
export const DATE_PATTERNS: RegExp[] = [
  // 2019-03-12, 2019/03/12
  new RegExp(String.raw`\b(?<year>${YEAR})[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])\b`, "g"),
  // 03/12/2019, 12.03.2019, 12-03-19
  new RegExp(String.raw`(?<![\d/.])(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-](?:(?<year>${YEAR})|\d{2})(?![\d/])`, "g"),
  // 12 March 2019, 12th of March, 2019, 12 Mar 2019
  new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${MONTHS}\.?,?\s+(?<year>${YEAR})\b`, "g"),
  // March 12, 2019 and March 12th 2019
  new RegExp(String.raw`\b${MONTHS}\.?\s+${DAY},?\s+(?<year>${YEAR})\b`, "g"),
  // March 2019
  new RegExp(String.raw`\b${MONTHS}\.?,?\s+(?<year>${YEAR})\b`, "g"),
  // March 12 / 12 March (no year)
  new RegExp(String.raw`\b${MONTHS}\.?\s+${DAY}(?![\d:])\b`, "g"),
  new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${MONTHS}\b`, "g"),
];

export interface DateMatch {
  start: number;
  end: number;
  text: string;
  year: number | null;
}

export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  for (const pattern of DATE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (found.some((f) => f.start <= start && end <= f.end)) continue;
      const year = match.groups?.year ? Number(match.groups.year) : null;
      found.push({ start, end, text: match[0], year });
    }
  }
  return found;
}

export function yearOfDateText(text: string): number | null {
  const iso = /^(\d{4})-\d{2}-\d{2}(?:T.*)?$/.exec(text.trim());
  if (iso) return Number(iso[1]);
  const [first] = findDates(text).filter((d) => d.year !== null);
  if (first) return first.year;
  const bare = new RegExp(String.raw`^\s*(${YEAR})\s*$`).exec(text);
  return bare ? Number(bare[1]) : null;
}
