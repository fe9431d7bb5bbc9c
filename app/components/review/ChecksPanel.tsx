import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export interface CheckFindingView {
  id: string;
  engine: string;
  severity: "info" | "warning" | "error";
  code: string;
  message: string;
  quote: string;
  start: number;
  end: number;
}

interface ChecksResult {
  groups: Record<string, CheckFindingView[]>;
  guideline: { name: string; items: Array<{ id: string; status: string; topic: string; reason: string }> } | null;
  llm: { ok: true; summary: string; model: string; promptVersion: string; usage: { totalTokens: number }; dropped: { total: number; byReason: Record<string, number> } } | { ok: false; error: string } | null;
  unplaced: number;
}

const ENGINE_LABELS: Record<string, string> = {
  statistics: "Statistics",
  reporting: "Reporting guideline",
  references: "References",
  identifiers: "Identifiers left in the text",
  llm: "LLM review (machine-made)",
};

const PHASE_LABELS: Record<string, string> = { deterministic: "Running the checks", llm: "Asking the language model", verifying: "Verifying every quote", done: "Done" };

/** Runs the automated checks (streamed progress), lists findings by engine, and lets a reviewer take one into the review. */
export function ChecksPanel({ submissionId, canAccept, onFindings }: { submissionId: string; canAccept: boolean; onFindings: (findings: CheckFindingView[]) => void }) {
  const [state, setState] = useState<"idle" | "running" | "done" | "failed">("idle");
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number } | null>(null);
  const [result, setResult] = useState<ChecksResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const source = useRef<EventSource | null>(null);

  useEffect(() => () => source.current?.close(), []);
  useEffect(() => {
    if (!result) return onFindings([]);
    onFindings(Object.values(result.groups).flat().filter((f) => !dismissed.has(f.id)));
  }, [result, dismissed, onFindings]);

  const run = () => {
    source.current?.close();
    setState("running");
    setError(null);
    setResult(null);
    setProgress({ phase: "deterministic", done: 0, total: 1 });
    const events = new EventSource(`/submissions/${submissionId}/checks`);
    source.current = events;
    events.addEventListener("progress", (event) => setProgress(JSON.parse((event as MessageEvent<string>).data)));
    events.addEventListener("result", (event) => {
      setResult(JSON.parse((event as MessageEvent<string>).data) as ChecksResult);
      setState("done");
      events.close();
    });
    events.addEventListener("failure", (event) => {
      setError((JSON.parse((event as MessageEvent<string>).data) as { message: string }).message);
      setState("failed");
      events.close();
    });
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) return;
      events.close();
      setState((s) => (s === "running" ? "failed" : s));
      setError((e) => e ?? "The connection to the checks was lost. Try again.");
    };
  };

  const percent = progress ? Math.round((progress.done / Math.max(1, progress.total)) * 100) : 0;
  return (
    <section className="card stack" aria-labelledby="checks-heading">
      <div className="card__header">
        <h2 id="checks-heading">Automated checks</h2>
        <button type="button" className="button button--small" onClick={run} disabled={state === "running"}>
          {state === "done" ? "Run again" : "Run automated checks"}
        </button>
      </div>
      <p className="muted">Statistics (recomputed p-values), reporting guideline, references and identifiers; an LLM review when one is configured. Every finding is tied to a quote verified in the text.</p>
      {state === "running" && progress ? (
        <div>
          <progress max={100} value={percent} aria-label="Checks progress" />
          <p className="muted" role="status">
            {PHASE_LABELS[progress.phase] ?? progress.phase}… {progress.total > 1 ? `${progress.done}/${progress.total}` : ""}
          </p>
        </div>
      ) : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      {result ? (
        <div className="stack" data-testid="check-results">
          {result.llm && !result.llm.ok ? (
            <div className="alert alert--error" role="alert">
              LLM review failed: {result.llm.error} The other checks below are complete.
            </div>
          ) : null}
          {result.llm && result.llm.ok ? (
            <p className="muted" data-testid="llm-record">
              LLM {result.llm.model} ({result.llm.promptVersion}), {result.llm.usage.totalTokens} tokens. {result.llm.dropped.total} item
              {result.llm.dropped.total === 1 ? "" : "s"} dropped because their quote or reference is not in the manuscript.
            </p>
          ) : null}
          {Object.entries(result.groups).map(([engine, findings]) => (
            <div key={engine} data-testid={`engine-${engine}`}>
              <h3>
                {ENGINE_LABELS[engine] ?? engine} ({findings.filter((f) => !dismissed.has(f.id)).length})
              </h3>
              {findings.length === 0 ? <p className="muted">Nothing found.</p> : null}
              <ul className="annotation-list">
                {findings
                  .filter((f) => !dismissed.has(f.id))
                  .map((f) => (
                    <li key={f.id} className={`annotation annotation--machine finding--${f.severity}`} data-testid="finding">
                      <p className="annotation__meta">
                        <strong>{f.severity}</strong> · {f.code}
                      </p>
                      <blockquote className="annotation__quote">{f.quote}</blockquote>
                      <p>{f.message}</p>
                      <div className="inline-actions">
                        {canAccept ? <AcceptFinding finding={f} /> : null}
                        <button type="button" className="button button--small button--ghost" onClick={() => setDismissed((d) => new Set(d).add(f.id))}>
                          Dismiss
                        </button>
                      </div>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
          {result.guideline ? (
            <details>
              <summary>
                {result.guideline.name}: {result.guideline.items.filter((i) => i.status === "present").length} present,{" "}
                {result.guideline.items.filter((i) => i.status === "missing").length} missing, {result.guideline.items.filter((i) => i.status === "unclear").length} unclear
              </summary>
              <ul>
                {result.guideline.items.map((item) => (
                  <li key={item.id}>
                    <strong>
                      {item.id} {item.topic}
                    </strong>
                    : {item.status} — {item.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** Takes a finding into the review as an annotation marked as coming from an automated check. */
function AcceptFinding({ finding }: { finding: CheckFindingView }) {
  const fetcher = useFetcher<{ ok?: string; formError?: string }>();
  if (fetcher.data?.ok) return <span className="badge badge--accepted">Added to your review</span>;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="start" value={finding.start} />
      <input type="hidden" name="end" value={finding.end} />
      <input type="hidden" name="kind" value={finding.severity === "error" ? "required-change" : "comment"} />
      <input type="hidden" name="body" value={`${ENGINE_LABELS[finding.engine] ?? finding.engine}: ${finding.message}`} />
      <input type="hidden" name="machineMade" value="true" />
      <button className="button button--small" name="intent" value="annotate" disabled={fetcher.state !== "idle"}>
        Accept into review
      </button>
      {fetcher.data?.formError ? <span className="field__error"> {fetcher.data.formError}</span> : null}
    </fetcher.Form>
  );
}
