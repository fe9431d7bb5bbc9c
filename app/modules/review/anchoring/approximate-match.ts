// Approximate string matching for re-anchoring edited quotes: Sellers' edit-distance search with Ukkonen's cut-off,
// which only computes the rows of each column that can still be within the error budget (expected O(k·n) for k
// errors over n characters instead of O(m·n)), plus the edit distances that score a candidate's context.

export interface ApproximateMatch {
  start: number;
  end: number;
  /** Edit distance (insertions, deletions, substitutions) between the pattern and text[start, end). */
  errors: number;
}

/** Levenshtein distance between two strings, O(|a|·|b|) time and O(|b|) memory: meant for short strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = code === b.charCodeAt(j - 1) ? diagonal : Math.min(diagonal, above, row[j - 1]) + 1;
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The start of the best match of `pattern` ending exactly at `end` (found by aligning both strings backwards from
 * there), preferring, among equally good starts, the match whose length is closest to the pattern's.
 */
function bestStartEndingAt(text: string, pattern: string, end: number, maxErrors: number, floor: number): ApproximateMatch {
  const m = pattern.length;
  const span = Math.min(end - floor, m + maxErrors);
  // column[j] = distance between the last i pattern characters and the j text characters before `end`.
  const column = new Int32Array(span + 1);
  for (let j = 0; j <= span; j++) column[j] = j;
  for (let i = 1; i <= m; i++) {
    const code = pattern.charCodeAt(m - i);
    let diagonal = column[0];
    column[0] = i;
    for (let j = 1; j <= span; j++) {
      const above = column[j];
      column[j] = code === text.charCodeAt(end - j) ? diagonal : Math.min(diagonal, above, column[j - 1]) + 1;
      diagonal = above;
    }
  }
  let best = 0;
  for (let j = 1; j <= span; j++) {
    if (column[j] < column[best] || (column[j] === column[best] && Math.abs(j - m) < Math.abs(best - m))) best = j;
  }
  return { start: end - best, end, errors: column[best] };
}

export interface ApproximateSearchOptions {
  /** Search text[from, to) only (the matches lie wholly inside it). */
  from?: number;
  to?: number;
  /** At most this many matches are returned, fewest errors first. */
  limit?: number;
}

/**
 * The substrings of `text` within `maxErrors` edits of `pattern`: one match per run of neighbouring end positions
 * (the run's best), fewest errors first, ties in text order. `maxErrors` must be smaller than the pattern length.
 */
export function approximateMatches(text: string, pattern: string, maxErrors: number, options: ApproximateSearchOptions = {}): ApproximateMatch[] {
  const m = pattern.length;
  const k = Math.floor(maxErrors);
  if (m === 0 || k < 0 || k >= m) throw new RangeError(`An approximate search needs a non-empty pattern and an error budget below its length (got ${k} for ${m} characters).`);
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(text.length, options.to ?? text.length);
  const codes = new Uint16Array(m);
  for (let i = 0; i < m; i++) codes[i] = pattern.charCodeAt(i);

  // column[i] = fewest edits turning pattern[0, i) into a suffix of the text read so far. Rows above `lastActive` are
  // known to exceed k; their stale values stay above k, which is all the recurrence needs of them.
  const column = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) column[i] = i;
  let lastActive = Math.min(k + 1, m);
  const runs: Array<Array<{ end: number; errors: number }>> = [];
  let run: Array<{ end: number; errors: number }> = [];
  for (let j = from; j < to; j++) {
    const code = text.charCodeAt(j);
    let diagonal = 0;
    let left = 0;
    for (let i = 1; i <= lastActive; i++) {
      const above = column[i];
      let value: number;
      if (codes[i - 1] === code) value = diagonal;
      else {
        value = diagonal < left ? diagonal : left;
        if (above < value) value = above;
        value += 1;
      }
      diagonal = above;
      column[i] = value;
      left = value;
    }
    while (lastActive > 0 && column[lastActive] > k) lastActive--;
    if (lastActive === m) {
      run.push({ end: j + 1, errors: column[m] });
    } else {
      lastActive++;
      if (run.length > 0) {
        runs.push(run);
        run = [];
      }
    }
  }
  if (run.length > 0) runs.push(run);

  const matches: ApproximateMatch[] = [];
  for (const ends of runs) {
    const fewest = Math.min(...ends.map((e) => e.errors));
    const tied = ends.filter((e) => e.errors === fewest);
    // Equally good ends neighbour each other (a trailing character matched or dropped at the same cost): the first
    // and the last bound the choice, and each try costs O(m²).
    const tried = tied.length <= 2 ? tied : [tied[0], tied[tied.length - 1]];
    let best: ApproximateMatch | null = null;
    for (const { end, errors } of tried) {
      const match = bestStartEndingAt(text, pattern, end, errors, from);
      if (best === null || Math.abs(match.end - match.start - m) < Math.abs(best.end - best.start - m)) best = match;
    }
    if (best) matches.push(best);
  }
  matches.sort((a, b) => a.errors - b.errors || a.start - b.start);
  return matches.slice(0, options.limit ?? 64);
}

/**
 * The fewest edits between `pattern` and the text just before `at` (or just after it), the text's end of the
 * alignment being free: how well a quote's old context fits beside a candidate, counting an inserted word once.
 */
export function contextDistance(pattern: string, text: string, at: number, side: "before" | "after"): number {
  const m = pattern.length;
  if (m === 0) return 0;
  const span = side === "before" ? Math.min(at, 2 * m) : Math.min(text.length - at, 2 * m);
  const column = new Int32Array(span + 1);
  for (let j = 0; j <= span; j++) column[j] = j;
  for (let i = 1; i <= m; i++) {
    // Both strings are read away from `at`: backwards before it, forwards after it.
    const code = side === "before" ? pattern.charCodeAt(m - i) : pattern.charCodeAt(i - 1);
    let diagonal = column[0];
    column[0] = i;
    for (let j = 1; j <= span; j++) {
      const above = column[j];
      const textCode = side === "before" ? text.charCodeAt(at - j) : text.charCodeAt(at + j - 1);
      column[j] = code === textCode ? diagonal : Math.min(diagonal, above, column[j - 1]) + 1;
      diagonal = above;
    }
  }
  let best = m;
  for (let j = 0; j <= span; j++) if (column[j] < best) best = column[j];
  return best;
}
