// Identifiers in the manuscript, found by the shared de-identification engine and reported as findings: errors in a
// case report (a patient can be recognised), warnings elsewhere.
import { KIND_LABELS, findIdentifiers } from "../deid";
import { findingAt } from "./findings";
import type { Finding, ManuscriptText } from "./model";

// Web addresses of registries and scholarly resources are expected in a manuscript and identify no patient.
const SCHOLARLY_HOSTS = /^(?:https?:\/\/)?(?:www\.)?(?:doi\.org|dx\.doi\.org|clinicaltrials\.gov|isrctn\.com|crd\.york\.ac\.uk|pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov|who\.int|trialsearch\.who\.int|equator-network\.org|osf\.io|zenodo\.org|github\.com|cran\.r-project\.org)\b/i;

const MONTH_YEAR = /^[A-Za-z]+\.?,?\s+\d{4}$/;

export function identifierFindings(manuscript: ManuscriptText): Finding[] {
  const severity = manuscript.articleType === "case-report" ? "error" : "warning";
  const findings: Finding[] = [];
  // Headings are read too (a title can name the patient); the reference list is not (it names authors).
  for (const block of manuscript.blocks.filter((b) => b.type !== "reference")) {
    for (const hit of findIdentifiers(block.text)) {
      if (hit.kind === "url" && SCHOLARLY_HOSTS.test(hit.text)) continue;
      // Outside case reports a month and year ("between January 2015 and March 2017") dates the study, not a patient.
      if (hit.kind === "date" && manuscript.articleType !== "case-report" && MONTH_YEAR.test(hit.text)) continue;
      findings.push(
        findingAt(manuscript, "identifiers", block.start + hit.start, block.start + hit.end, {
          code: `identifier.${hit.kind}`,
          severity,
          message: `Possible patient identifier: ${KIND_LABELS[hit.kind]}. Suggested replacement: ${hit.suggestion}.`,
        }),
      );
    }
  }
  return findings;
}
