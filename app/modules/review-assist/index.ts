// The deterministic checks of AI-assisted review: pure functions of the manuscript text, every finding anchored to a
// quote that has been verified against the text.
import { identifierFindings } from "./identifiers";
import type { EngineName, Finding, ManuscriptText } from "./model";
import { verifyQuote } from "./quote";
import { referenceFindings } from "./references";
import { type GuidelineReport, reportingFindings } from "./reporting";
import { statisticsFindings } from "./statistics";

export interface DeterministicChecks {
  findings: Record<EngineName, Finding[]>;
  /** The item-by-item checklist, or null when no guideline applies to the article type. */
  guideline: GuidelineReport | null;
}

export function runDeterministicChecks(manuscript: ManuscriptText): DeterministicChecks {
  const reporting = reportingFindings(manuscript);
  const findings: Record<EngineName, Finding[]> = {
    statistics: statisticsFindings(manuscript),
    reporting: reporting.findings,
    references: referenceFindings(manuscript),
    identifiers: identifierFindings(manuscript),
  };
  for (const [engine, list] of Object.entries(findings)) {
    for (const finding of list) {
      if (!verifyQuote(manuscript.text, finding.quote)) {
        throw new Error(`${engine} produced a finding (${finding.code}) whose quote does not match the manuscript text`);
      }
    }
  }
  return { findings, guideline: reporting.report };
}

export { anchorQuote, quoteAt, verifyQuote } from "./quote";
export { findingSchema, manuscriptFromBlocks, manuscriptFromProseMirror, manuscriptInputSchema, quoteSchema } from "./model";
export type { ArticleType, Finding, ManuscriptText, ProseMirrorNode, Quote, Severity } from "./model";
export type { GuidelineReport, ItemResult, ItemStatus } from "./reporting";
export { CHECKLISTS, checklistFor, type Checklist, type ChecklistItem } from "./guidelines";
export { checkResult, extractResults, type ReportedResult, type ResultVerdict } from "./statcheck";
// LLM review, pure part (types, schemas, config, chunking); the server entry is ./llm/index.server.ts.
export { PROMPT_VERSION, dropReasons, llmConfigFromEnv, llmConfigSchema, llmFindingSchema } from "./llm/index";
export type { DropReason, DropSummary, LlmConfigInput, LlmFinding, LlmReviewFailure, LlmReviewResult, LlmReviewSuccess, ReviewProgress } from "./llm/index";
