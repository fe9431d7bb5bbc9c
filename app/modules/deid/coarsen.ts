// Structured coarsening that Safe Harbor allows: five-year age bands with everyone over 89 in one band, dates cut to
// their year.
import { yearOfDateText } from "./dates";

export function ageBand(age: number): string {
  if (!Number.isFinite(age) || age < 0) throw new RangeError(`an age must be a non-negative number, got ${age}`);
  if (age >= 90) return "90+";
  const low = Math.floor(age / 5) * 5;
  return `${low}-${low + 4}`;
}

/** The year of a date (a Date, an ISO string or a date as written in text), or null when none can be read. */
export function yearOnly(date: Date | string): number | null {
  if (date instanceof Date) return Number.isNaN(date.getTime()) ? null : date.getUTCFullYear();
  return yearOfDateText(date);
}
