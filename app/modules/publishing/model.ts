// Publishing: revenue-share rules, publication steps and their labels. Pure; the UI may import this file.
import { z } from "zod";

export const TOTAL_BPS = 10_000;
/** The contract accepts at most this many payees per article. */
export const MAX_PAYEES = 32;
/** Defaults of the personal reading licence registered at publication. */
export const DEFAULT_PRICE_WEI = 10n ** 15n;
export const DEFAULT_LICENCE_SECONDS = 30 * 24 * 3600;
export const DEFAULT_ROYALTY_BPS = 500;
/** The licence terms id registered for personal reading. */
export const PERSONAL_READING_TERMS_ID = 1n;
/** The licence terms id registered for institutional reading: every verified member of the buying institution reads. */
export const INSTITUTIONAL_TERMS_ID = 2n;
/** An institutional licence costs this many personal licences. */
export const INSTITUTIONAL_PRICE_FACTOR = 10n;
export const institutionalPriceWei = (personalPriceWei: string | bigint) => (BigInt(personalPriceWei) * INSTITUTIONAL_PRICE_FACTOR).toString();

export const licenseRequestSchema = z.object({
  /** Empty or absent: a personal licence; otherwise the buyer's verified institution the licence is for. */
  institutionId: z
    .union([z.string().uuid("Choose one of your verified institutions"), z.literal("")])
    .optional()
    .transform((v) => (v ? v : null)),
});

export const PUBLISH_STEPS = ["freeze", "html", "jats", "store", "mint", "authorise", "terms", "index"] as const;
export type PublishStep = (typeof PUBLISH_STEPS)[number];
export const PUBLISH_STEP_LABELS: Record<PublishStep, string> = {
  freeze: "Freeze the accepted version",
  html: "Render HTML",
  jats: "Write JATS 1.3 XML",
  store: "Encrypt and store (content root)",
  mint: "Mint the article token with the revenue split",
  authorise: "Authorise co-authors to read",
  terms: "Register licence terms",
  index: "Index the article",
};

export const ARTICLE_STATUS_LABELS = {
  proposed: "Revenue split awaiting approval",
  approved: "Split approved: ready to publish",
  publishing: "Publishing",
  published: "Published",
} as const;

export interface MeasuredAuthor {
  userId: string;
  /** Characters of the manuscript attributed to this author. */
  characters: number;
}

export interface ProposedShare {
  userId: string;
  role: "author" | "reviewer";
  shareBps: number;
  measuredCharacters: number;
}

/**
 * Splits `pool` basis points by `weights`, at least 1 each, exactly `pool` in total (largest remainders get the
 * leftover points; ties go to the earlier entry). All-zero weights split evenly.
 */
export function apportion(pool: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  if (pool < n) throw new RangeError(`Cannot give ${n} payees at least 1 bps out of ${pool}`);
  const total = weights.reduce((a, w) => a + Math.max(0, w), 0);
  const effective = total > 0 ? weights.map((w) => Math.max(0, w)) : weights.map(() => 1);
  const effectiveTotal = total > 0 ? total : n;
  const free = pool - n;
  const exact = effective.map((w) => (free * w) / effectiveTotal);
  const shares = exact.map((x) => Math.floor(x));
  let left = free - shares.reduce((a, s) => a + s, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares.map((s) => s + 1);
}

/**
 * The proposed split: reviewers share the venue's reviewer share evenly, authors share the rest in proportion to their
 * measured contribution. Authors come first in manuscript order (the first payee receives the contract's rounding dust).
 */
export function proposeShares(input: { authors: readonly MeasuredAuthor[]; reviewerIds: readonly string[]; reviewerShareBps: number }): ProposedShare[] {
  if (input.authors.length === 0) throw new RangeError("An article needs at least one author");
  const reviewerIds = input.reviewerIds.filter((id) => !input.authors.some((a) => a.userId === id));
  const reviewerPool = reviewerIds.length === 0 ? 0 : Math.min(Math.max(input.reviewerShareBps, reviewerIds.length), TOTAL_BPS - input.authors.length);
  const authorShares = apportion(TOTAL_BPS - reviewerPool, input.authors.map((a) => a.characters));
  const reviewerShares = apportion(reviewerPool, reviewerIds.map(() => 1));
  return [
    ...input.authors.map((a, i) => ({ userId: a.userId, role: "author" as const, shareBps: authorShares[i]!, measuredCharacters: a.characters })),
    ...reviewerIds.map((userId, i) => ({ userId, role: "reviewer" as const, shareBps: reviewerShares[i]!, measuredCharacters: 0 })),
  ];
}

/** Everything wrong with a split, in words a user can act on; empty when the contract will accept it. */
export function splitProblems(shares: ReadonlyArray<{ userId: string; role: "author" | "reviewer"; shareBps: number }>): string[] {
  const problems: string[] = [];
  if (shares.length === 0) problems.push("The split has no payees.");
  if (shares.length > MAX_PAYEES) problems.push(`The split has ${shares.length} payees; the contract allows at most ${MAX_PAYEES}.`);
  const seen = new Set<string>();
  for (const share of shares) {
    if (seen.has(share.userId)) problems.push("A person appears twice in the split: merge their shares.");
    seen.add(share.userId);
    if (!Number.isInteger(share.shareBps) || share.shareBps <= 0) problems.push("Every payee needs a whole, positive number of basis points (no zero shares).");
  }
  const total = shares.reduce((a, s) => a + s.shareBps, 0);
  if (shares.length > 0 && total !== TOTAL_BPS) problems.push(`The shares add up to ${total} bps; they must add up to exactly ${TOTAL_BPS} (100%).`);
  if (shares.length > 0 && !shares.some((s) => s.role === "author")) problems.push("At least one author must be paid.");
  return [...new Set(problems)];
}

/** What the contract credits each payee from one payment: floor(value × bps / 10,000), the dust to the first payee. */
export function creditsOf(valueWei: bigint, sharesBps: readonly number[]): bigint[] {
  const credits = sharesBps.map((bps) => (valueWei * BigInt(bps)) / BigInt(TOTAL_BPS));
  const dust = valueWei - credits.reduce((a, c) => a + c, 0n);
  if (credits.length > 0) credits[0]! += dust;
  return credits;
}

export const editSharesSchema = z.object({
  shares: z
    .array(z.object({ userId: z.string().uuid(), shareBps: z.coerce.number().int("Shares are whole basis points") }))
    .min(1, "The split needs at least one payee"),
});

export const publishOptionsSchema = z.object({
  priceWei: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, "The price is a whole number of wei")
    .default(DEFAULT_PRICE_WEI.toString()),
  licenceDays: z.coerce.number().int().min(0, "Days cannot be negative").max(3650, "At most ten years").default(DEFAULT_LICENCE_SECONDS / 86400),
});

/** A stable, readable URL segment: the title's words and the first 8 hex digits of the id. */
export function articleSlug(title: string, id: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return `${words || "article"}-${id.replace(/-/g, "").slice(0, 8)}`;
}

/** Formats wei as ether with up to 6 decimals (display only). */
export function formatEther(wei: string | bigint): string {
  const value = BigInt(wei);
  const whole = value / 10n ** 18n;
  const fraction = (value % 10n ** 18n).toString().padStart(18, "0").slice(0, 6).replace(/0+$/, "");
  return `${whole}${fraction ? `.${fraction}` : ""} ETH`;
}

export function formatBps(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}

/** The URL of an article's n-th open review. */
export function openReviewPath(slug: string, number: number): string {
  return `/articles/${slug}/reviews/${number}`;
}
