// Benchmark of the review-assist deterministic engines (`npm run bench -- review-assist [--n 300] [--seed 7]`).
//
// 1. Accuracy of p-value checking on a seeded corpus of reported results with planted errors. The ground truth p is
//    computed here by a DIFFERENT method from the engine's: the engine uses jstat's regularised incomplete beta/gamma
//    (a continued-fraction evaluation); the truth below uses the closed-form finite series of Abramowitz & Stegun for
//    integer degrees of freedom (26.7.3–4 for t, 26.4.4–5 for χ², 26.6.4–5 for F) and a series/continued-fraction erfc
//    for the normal tail. Two independent routes that agree (see "truth vs engine" below) make a wrong truth unlikely,
//    and the series are checked against table critical values at start-up.
// 2. Speed of all engines on a generated 10,000-word manuscript, as a ratio to a naive baseline (one regex pass that
//    only finds "p = …" strings), median of several runs.
import { performance } from "node:perf_hooks";
import { runDeterministicChecks } from "../app/modules/review-assist/index";
import { type BlockInput, manuscriptFromBlocks } from "../app/modules/review-assist/model";
import { identifierFindings } from "../app/modules/review-assist/identifiers";
import { pValue } from "../app/modules/review-assist/p-values";
import { referenceFindings } from "../app/modules/review-assist/references";
import { reportingFindings } from "../app/modules/review-assist/reporting";
import { extractResults } from "../app/modules/review-assist/statcheck";
import { pValueFindings, statisticsFindings } from "../app/modules/review-assist/statistics";

// ---------- seeded PRNG (mulberry32) ----------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------- independent truth: closed-form series for integer degrees of freedom ----------
/** erfc by its Taylor series for small x and Laplace's continued fraction for large x. */
function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    let sum = 0;
    let term = x;
    for (let n = 0; n < 200; n++) {
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
      term *= (-x * x) / (n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up.
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
const normalUpper = (z: number) => 0.5 * erfc(z / Math.SQRT2);
const normalDensity = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);

/** Two-tailed p of Student's t with integer ν (A&S 26.7.3–26.7.4: A(t|ν) = P(|T| < t)). */
function truthT(t: number, nu: number): number {
  const theta = Math.atan(Math.abs(t) / Math.sqrt(nu));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  let a: number;
  if (nu % 2 === 1) {
    let sum = 0;
    if (nu > 1) {
      let term = Math.cos(theta);
      sum = term;
      for (let k = 3; k <= nu - 2; k += 2) {
        term *= ((k - 1) / k) * c2;
        sum += term;
      }
    }
    a = (2 / Math.PI) * (theta + s * sum);
  } else {
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= nu - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    a = s * sum;
  }
  return Math.max(0, 1 - a);
}

/** Upper tail of χ² with integer ν (A&S 26.4.4–26.4.5). */
function truthChi2(x: number, nu: number): number {
  if (nu % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let k = 1; k < nu / 2; k++) {
      term *= x / 2 / k;
      sum += term;
    }
    return Math.exp(-x / 2) * sum;
  }
  const z = Math.sqrt(x);
  let term = z;
  let sum = nu > 1 ? z : 0;
  for (let k = 2; k <= (nu - 1) / 2; k++) {
    term *= x / (2 * k - 1);
    sum += term;
  }
  return 2 * normalUpper(z) + 2 * normalDensity(z) * sum;
}

/** Upper tail of F with integer ν1, ν2, one of them even (A&S 26.6.4–26.6.5); F(1, ν2) through t. */
function truthF(f: number, n1: number, n2: number): number {
  const x = n2 / (n2 + n1 * f);
  if (n1 % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= (n1 - 2) / 2; k++) {
      term *= ((n2 + 2 * (k - 1)) / (2 * k)) * (1 - x);
      sum += term;
    }
    return x ** (n2 / 2) * sum;
  }
  if (n2 % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= (n2 - 2) / 2; k++) {
      term *= ((n1 + 2 * (k - 1)) / (2 * k)) * x;
      sum += term;
    }
    return 1 - (1 - x) ** (n1 / 2) * sum;
  }
  if (n1 === 1) return truthT(Math.sqrt(f), n2);
  throw new RangeError("truthF needs one even degree of freedom or df1 = 1");
}

type Kind = "t" | "F" | "chi2" | "r" | "z";
function truthP(kind: Kind, value: number, df1 = 0, df2 = 0): number {
  switch (kind) {
    case "t":
      return truthT(value, df1);
    case "r": {
      const r = Math.min(Math.abs(value), 1 - 1e-12);
      return truthT((r * Math.sqrt(df1)) / Math.sqrt(1 - r * r), df1);
    }
    case "z":
      return 2 * normalUpper(Math.abs(value));
    case "F":
      return truthF(value, df1, df2);
    case "chi2":
      return truthChi2(value, df1);
  }
}

function checkTruthAgainstTables(): void {
  const table: Array<[Kind, number, number, number, number]> = [
    ["t", 2.228, 10, 0, 0.05],
    ["t", 2.042, 30, 0, 0.05],
    ["t", 2.763, 28, 0, 0.01],
    ["t", 12.706, 1, 0, 0.05],
    ["chi2", 3.841, 1, 0, 0.05],
    ["chi2", 5.991, 2, 0, 0.05],
    ["chi2", 11.345, 3, 0, 0.01],
    ["F", 4.171, 1, 30, 0.05],
    ["F", 3.316, 2, 30, 0.05],
    ["F", 2.759, 3, 60, 0.05],
    ["z", 1.96, 0, 0, 0.05],
    ["z", 3.291, 0, 0, 0.001],
  ];
  for (const [kind, value, d1, d2, p] of table) {
    const got = truthP(kind, value, d1, d2);
    if (Math.abs(got - p) > 1e-3 * Math.max(1, p * 100)) throw new Error(`truth series disagree with tables: ${kind}(${d1},${d2}) = ${value} gave ${got}, expected ${p}`);
  }
}

// ---------- corpus ----------
type Label = "correct" | "correct-rounding" | "wrong-p" | "decision-error";
interface Planted {
  text: string;
  label: Label;
}

function decimalsOf(x: number, d: number): string {
  return x.toFixed(d);
}

function truthRange(kind: Kind, value: number, decimals: number, df1: number, df2: number): [number, number] {
  const half = 0.5 * 10 ** -decimals;
  const m = Math.abs(value);
  const upper = kind === "r" ? Math.min(m + half, 1 - 1e-12) : m + half;
  return [truthP(kind, upper, df1, df2), truthP(kind, Math.max(m - half, 0), df1, df2)];
}

function makeCorpus(n: number, random: () => number): Planted[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const corpus: Planted[] = [];
  while (corpus.length < n) {
    const kind = pick(["t", "t", "F", "chi2", "r", "z"] as const);
    let df1 = 0;
    let df2 = 0;
    let raw = 0;
    // A true effect of varied strength, so p spreads from < .001 to ~.9.
    const strength = random() * 4.2;
    if (kind === "t") {
      df1 = 5 + Math.floor(random() * 120);
      raw = strength * (random() < 0.3 ? -1 : 1);
    } else if (kind === "z") raw = strength * (random() < 0.3 ? -1 : 1);
    else if (kind === "r") {
      df1 = 10 + Math.floor(random() * 150);
      const t = strength;
      raw = (t / Math.sqrt(t * t + df1)) * (random() < 0.3 ? -1 : 1);
    } else if (kind === "F") {
      df1 = pick([1, 1, 2, 3, 4]);
      df2 = 10 + Math.floor(random() * 100);
      if (df1 % 2 === 1 && df1 !== 1 && df2 % 2 === 1) df2 += 1;
      raw = strength * strength * (0.6 + random() * 0.4);
    } else {
      df1 = pick([1, 1, 2, 3, 4, 5]);
      raw = strength * strength * (0.7 + random() * 0.6) + df1 * 0.3;
    }
    const label: Label = pick(["correct", "correct", "correct-rounding", "wrong-p", "decision-error"] as const);
    const statDecimals = label === "correct-rounding" ? 1 : kind === "r" ? pick([2, 3]) : pick([2, 2, 3]);
    const reported = Number(decimalsOf(raw, statDecimals));
    if (kind === "r" && Math.abs(reported) >= 1) continue;
    const [low, high] = truthRange(kind, reported, statDecimals, df1, df2);
    const trueP = label === "correct-rounding" ? truthP(kind, raw, df1, df2) : truthP(kind, reported, df1, df2);

    let pOp: "=" | "<" | ">" | "ns" = "=";
    let pValueReported = 0;
    let pDecimals = 3;
    if (label === "correct" || label === "correct-rounding") {
      if (trueP < 0.001) {
        pOp = "<";
        pValueReported = 0.001;
      } else if (random() < 0.15 && high < 0.05) {
        pOp = "<";
        pValueReported = 0.05;
        pDecimals = 2;
      } else if (random() < 0.1 && low > 0.05) {
        pOp = "ns";
      } else {
        pDecimals = trueP < 0.01 ? 3 : pick([2, 3]);
        pValueReported = Number(trueP.toFixed(pDecimals));
        if (pValueReported === 0) continue;
      }
    } else if (label === "wrong-p") {
      // Same side of .05, clearly outside the rounding interval.
      const significant = trueP < 0.05;
      const candidate = significant ? pick([trueP * 0.25, Math.min(0.049, trueP * 3)]) : Math.min(0.99, pick([trueP * 0.6, trueP * 1.8]));
      pDecimals = candidate < 0.01 ? 3 : pick([2, 3]);
      pValueReported = Number(candidate.toFixed(pDecimals));
      if (pValueReported <= 0 || (pValueReported < 0.05) !== significant || high < 0.05 !== significant || low < 0.05 !== significant) continue;
    } else {
      // The opposite side of .05 from the whole rounding interval.
      if (high < 0.05) {
        if (random() < 0.3) pOp = "ns";
        else {
          pDecimals = 2;
          pValueReported = pick([0.06, 0.08, 0.12, 0.21]);
        }
      } else if (low > 0.05) {
        if (random() < 0.4) {
          pOp = "<";
          pValueReported = 0.05;
          pDecimals = 2;
        } else {
          pDecimals = 3;
          pValueReported = pick([0.012, 0.031, 0.044, 0.003]);
        }
      } else continue;
    }

    // Check the intended label against the truth with the statcheck rule; regenerate on boundary cases.
    const half = 0.5 * 10 ** -pDecimals;
    const consistent =
      pOp === "ns" ? high >= 0.05 : pOp === "<" ? low < pValueReported : low <= pValueReported + half && high >= pValueReported - half;
    if (consistent !== (label === "correct" || label === "correct-rounding")) continue;

    // Formatting: APA, medical, decimal commas, Unicode minus, df after the value.
    const style = pick(["apa", "apa", "medical", "comma", "dfAfter"] as const);
    const comma = style === "comma";
    const num = (x: number, d: number) => {
      let s = Math.abs(x).toFixed(d);
      if (kind === "r" && style === "apa") s = s.replace(/^0\./, ".");
      if (comma) s = s.replace(".", ",");
      return (x < 0 ? pick(["−", "-"]) : "") + s;
    };
    const pNum = (x: number, d: number) => {
      let s = x.toFixed(d);
      if (style === "apa") s = s.replace(/^0\./, ".");
      if (comma) s = s.replace(".", ",");
      return s;
    };
    const pName = style === "medical" ? "P" : "p";
    const sep = style === "medical" ? "; " : ", ";
    const pPart = pOp === "ns" ? `${sep}ns` : `${sep}${pName} ${pOp} ${pNum(pValueReported, pDecimals)}`;
    const stat = num(reported, statDecimals);
    const name = kind === "chi2" ? pick(["χ2", "χ²", "X2", "chi-square"]) : kind;
    let text: string;
    if (style === "dfAfter" && kind !== "z" && kind !== "r") {
      text = `${name} = ${stat}, df = ${kind === "F" ? `${df1}, ${df2}` : df1}${pPart}`;
    } else if (kind === "z") text = `z = ${stat}${pPart}`;
    else if (kind === "F") text = `F(${df1}, ${df2}) = ${stat}${pPart}`;
    else if (kind === "chi2" && random() < 0.3) text = `${name}(${df1}, N = ${df1 * 40 + 20}) = ${stat}${pPart}`;
    else text = `${name}(${df1}) = ${stat}${pPart}`;
    corpus.push({ text, label });
  }
  return corpus;
}

const SENTENCES = [
  (r: string) => `The difference between groups was statistically evaluated (${r}).`,
  (r: string) => `Scores improved after the intervention, ${r}.`,
  (r: string) => `Compared with controls, patients showed a change in the outcome (${r}) at twelve weeks.`,
  (r: string) => `We observed an association with age (${r}), which persisted after adjustment.`,
];

// ---------- accuracy ----------
interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

/** The naive peer: recomputes p at the reported statistic exactly (no rounding interval) and rounds it like the report. */
function naiveFlags(text: string): { inconsistent: boolean; decisionError: boolean } {
  const [result] = extractResults(text);
  if (!result) return { inconsistent: false, decisionError: false };
  const p = pValue({ kind: result.kind, value: result.statistic, df1: result.df1, df2: result.df2 });
  let inconsistent: boolean;
  if (result.comparison === "ns") inconsistent = p < 0.05;
  else if (result.comparison === "<" || result.comparison === "<=") inconsistent = !(p < (result.p as number));
  else if (result.comparison === ">" || result.comparison === ">=") inconsistent = !(p > (result.p as number));
  else inconsistent = Number(p.toFixed(result.pDecimals)) !== result.p;
  const reportedSig = result.comparison === "ns" ? false : result.comparison === ">" ? false : (result.p as number) <= 0.05;
  return { inconsistent, decisionError: inconsistent && reportedSig !== p <= 0.05 };
}

function evaluate(corpus: Planted[]) {
  const blocks: BlockInput[] = [{ id: "h", type: "heading", text: "Results" }];
  corpus.forEach((item, i) => blocks.push({ id: `p${i}`, type: "paragraph", text: SENTENCES[i % SENTENCES.length](item.text) }));
  const manuscript = manuscriptFromBlocks({ blocks, articleType: "original-research" });
  const findings = pValueFindings(manuscript);
  const engineInc: Counts = { tp: 0, fp: 0, fn: 0 };
  const engineDec: Counts = { tp: 0, fp: 0, fn: 0 };
  const naiveInc: Counts = { tp: 0, fp: 0, fn: 0 };
  const naiveDec: Counts = { tp: 0, fp: 0, fn: 0 };
  let extracted = 0;
  const tally = (c: Counts, predicted: boolean, actual: boolean) => {
    if (predicted && actual) c.tp++;
    else if (predicted) c.fp++;
    else if (actual) c.fn++;
  };
  corpus.forEach((item, i) => {
    const block = manuscript.blocks[i + 1];
    if (extractResults(block.text).length === 1) extracted++;
    const here = findings.filter((f) => f.quote.start >= block.start && f.quote.end <= block.end);
    const inconsistent = item.label === "wrong-p" || item.label === "decision-error";
    tally(engineInc, here.some((f) => f.code === "stat.inconsistent-p" || f.code === "stat.decision-error"), inconsistent);
    tally(engineDec, here.some((f) => f.code === "stat.decision-error"), item.label === "decision-error");
    const naive = naiveFlags(item.text);
    tally(naiveInc, naive.inconsistent, inconsistent);
    tally(naiveDec, naive.decisionError, item.label === "decision-error");
  });
  return { engineInc, engineDec, naiveInc, naiveDec, extracted };
}

// ---------- speed ----------
const FILLER = [
  "The patients were followed in the outpatient clinic and assessed by two independent clinicians.",
  "Baseline characteristics were similar between the groups, including age, sex and comorbidities.",
  "Adverse events were recorded at each visit using a standard form and graded for severity.",
  "Laboratory values were measured in a central laboratory that was unaware of group allocation.",
  "Most participants completed the protocol, and reasons for withdrawal were documented.",
];

function makeLongManuscript(words: number, random: () => number, corpus: Planted[]) {
  const blocks: BlockInput[] = [
    { id: "t", type: "heading", text: "Early mobilisation after hip fracture: a randomised trial" },
    { id: "a", type: "heading", text: "Abstract" },
    { id: "a1", type: "paragraph", text: "A total of 240 patients were randomised; mortality fell (HR 0.75, 95% CI 0.60 to 0.93)." },
    { id: "m", type: "heading", text: "Methods" },
  ];
  let count = 0;
  let i = 0;
  let refs = 0;
  while (count < words) {
    const parts: string[] = [];
    for (let s = 0; s < 6; s++) parts.push(FILLER[Math.floor(random() * FILLER.length)]);
    parts.push(SENTENCES[i % SENTENCES.length](corpus[i % corpus.length].text));
    parts.push(`Events occurred in ${12 + (i % 20)}/80 (${(((12 + (i % 20)) / 80) * 100).toFixed(1)}%) participants [${(i % 30) + 1}].`);
    if (i % 9 === 0) parts.push("Mrs Jane Doe was seen on 12 March 2019 and agreed to take part.");
    const text = parts.join(" ");
    blocks.push({ id: `b${i}`, type: "paragraph", text });
    count += text.split(/\s+/).length;
    i++;
    if (i === Math.floor(words / 200)) blocks.push({ id: "r", type: "heading", text: "Results" });
  }
  blocks.push({ id: "refs", type: "heading", text: "References" });
  for (refs = 1; refs <= 32; refs++) {
    blocks.push({ id: `ref${refs}`, type: "reference", text: `${refs}. Author${refs} A, Writer B. Study number ${refs} of mobilisation. J Trials. 20${10 + (refs % 10)};${refs}:1-9. doi:10.1000/jt.${refs}` });
  }
  return { manuscript: manuscriptFromBlocks({ blocks, articleType: "randomised-trial" }), words: count };
}

/** The baseline: what a reviewer's quick grep does, one regex pass for "p = …" strings and nothing else. */
function naiveScan(text: string): number {
  let hits = 0;
  for (const _ of text.matchAll(/\b[pP]\s*[=<>]\s*0?[.,]\d+/g)) hits++;
  return hits;
}

function medianTime(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r, i) => {
    const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(" | ");
    return i === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("-|-")}` : line;
  }).join("\n");
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
}

export default async function reviewAssistBench(args: string[]): Promise<void> {
  const n = option(args, "n", 300);
  const seed = option(args, "seed", 20261122);
  const runs = option(args, "runs", 15);
  checkTruthAgainstTables();
  const random = mulberry32(seed);
  const corpus = makeCorpus(n, random);

  // Agreement of the two p implementations over the corpus statistics.
  let maxDiff = 0;
  for (const item of corpus) {
    const [r] = extractResults(item.text);
    if (!r) continue;
    const a = pValue({ kind: r.kind, value: r.statistic, df1: r.df1, df2: r.df2 });
    const b = truthP(r.kind, r.statistic, r.df1, r.df2);
    maxDiff = Math.max(maxDiff, Math.abs(a - b));
  }

  const labels = corpus.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.label]: (acc[c.label] ?? 0) + 1 }), {});
  const { engineInc, engineDec, naiveInc, naiveDec, extracted } = evaluate(corpus);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

  console.log(`\nreview-assist: p-value checking on ${corpus.length} generated results (seed ${seed})`);
  console.log(`planted: ${Object.entries(labels).map(([k, v]) => `${k} ${v}`).join(", ")}; extracted ${extracted}/${corpus.length}; truth vs engine max |Δp| ${maxDiff.toExponential(1)}\n`);
  console.log(
    table([
      ["detector", "task", "TP", "FP", "FN", "precision", "recall"],
      ["engine (statcheck rule)", "inconsistency", `${engineInc.tp}`, `${engineInc.fp}`, `${engineInc.fn}`, pct(precision(engineInc)), pct(recall(engineInc))],
      ["engine (statcheck rule)", "decision error", `${engineDec.tp}`, `${engineDec.fp}`, `${engineDec.fn}`, pct(precision(engineDec)), pct(recall(engineDec))],
      ["naive (no rounding rule)", "inconsistency", `${naiveInc.tp}`, `${naiveInc.fp}`, `${naiveInc.fn}`, pct(precision(naiveInc)), pct(recall(naiveInc))],
      ["naive (no rounding rule)", "decision error", `${naiveDec.tp}`, `${naiveDec.fp}`, `${naiveDec.fn}`, pct(precision(naiveDec)), pct(recall(naiveDec))],
    ]),
  );

  const { manuscript, words } = makeLongManuscript(10_000, mulberry32(seed + 1), corpus);
  let findingsCount = 0;
  const engineMs = medianTime(() => {
    const result = runDeterministicChecks(manuscript);
    findingsCount = Object.values(result.findings).flat().length;
  }, runs);
  const baselineMs = medianTime(() => naiveScan(manuscript.text), runs);
  const statsMs = medianTime(() => pValueFindings(manuscript), runs);
  const engines: Array<[string, () => unknown]> = [
    ["statistics engine (p, %, CI, sample size)", () => statisticsFindings(manuscript)],
    ["reporting engine (CONSORT 2010)", () => reportingFindings(manuscript)],
    ["references engine", () => referenceFindings(manuscript)],
    ["identifiers engine (deid)", () => identifierFindings(manuscript)],
  ];
  const engineRows = engines.map(([name, fn]) => {
    const ms = medianTime(fn, runs);
    return [name, ms.toFixed(2), (ms / baselineMs).toFixed(1)];
  });
  console.log(`\nspeed on a generated manuscript of ${words} words (${manuscript.blocks.length} blocks), median of ${runs} runs\n`);
  console.log(
    table([
      ["check", "median ms", "× baseline"],
      ["baseline: one regex pass for p-values", baselineMs.toFixed(2), "1.0"],
      ["p-value check (extract + recompute)", statsMs.toFixed(2), (statsMs / baselineMs).toFixed(1)],
      ...engineRows,
      [`all engines, runDeterministicChecks (${findingsCount} findings)`, engineMs.toFixed(2), (engineMs / baselineMs).toFixed(1)],
    ]),
  );
}
