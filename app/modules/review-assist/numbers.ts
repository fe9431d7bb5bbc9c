// Numbers as they are written in manuscripts: decimal points or commas, Unicode minus signs, leading-dot decimals.

/** A number pattern (no capture groups): optional minus of any kind, decimal point, comma or the Lancet's middle dot. */
export const NUMBER = String.raw`[-−–]?\s?(?:\d+(?:[.,·]\d+)?|[.,·]\d+)`;
/** An unsigned count, with or without thousands separators ("1,200", "1 200" is not accepted). */
export const COUNT = String.raw`\d{1,3}(?:,\d{3})+(?!\d)|\d+`;

export interface ParsedNumber {
  value: number;
  /** Digits after the decimal separator, which give the rounding interval of the reported value. */
  decimals: number;
}

export function parseNumber(raw: string): ParsedNumber {
  const cleaned = raw.replace(/\s+/g, "").replace(/^[−–]/, "-").replace(/[,·]/, ".");
  const value = Number(cleaned.startsWith("-.") ? cleaned.replace("-.", "-0.") : cleaned.startsWith(".") ? `0${cleaned}` : cleaned);
  if (!Number.isFinite(value)) throw new RangeError(`not a number: "${raw}"`);
  const dot = cleaned.indexOf(".");
  return { value, decimals: dot === -1 ? 0 : cleaned.length - dot - 1 };
}

export function parseCount(raw: string): number {
  return Number(raw.replace(/,/g, ""));
}

/** Half a unit in the last reported digit: the reported value stands for any value within ± this. */
export function roundingHalfWidth(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/** p-values as a reader expects them: "< .001" below a thousandth, three decimals otherwise. */
export function formatP(p: number): string {
  if (p < 0.001) return "< .001";
  return `= ${p.toFixed(3).replace(/^0\./, ".")}`;
}
