import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useCallback, useState } from "react";
import { ChecksPanel, type CheckFindingView } from "~/components/review/ChecksPanel";
import { AnnotatableText, type Highlight, type TextSelection } from "~/components/review/AnnotatableText";
import { FormAlert, SelectField, TextArea, TextField } from "~/components/ui/form";
import {
  addAnnotation,
  decide,
  inviteReviewer,
  replyToAnnotation,
  respondToInvitation,
  resubmit,
  setResolved,
  submissionView,
  submitReview,
  suggestReviewers,
  withdraw,
} from "~/modules/review/index.server";
import { ANNOTATION_KIND_LABELS, ANNOTATION_KINDS, DECISION_LABELS, DECISIONS, POLICY_LABELS, SUBMISSION_STATUS_LABELS } from "~/modules/review/model";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formFailure, formObject, rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.view.manuscript.title ?? "Submission"} · Review · MedNexus` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const deps = { db: db() };
  const view = await submissionView(deps, user, params.submissionId ?? "").catch(rethrowAsResponse);
  const suggestions = view.role === "editor" ? await suggestReviewers(deps, user, view.id) : [];
  return { view, suggestions };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.submissionId ?? "";
  const form = formObject(await request.formData());
  const deps = { db: db() };
  try {
    switch (form.intent) {
      case "invite":
        await inviteReviewer(deps, user, id, form);
        return { ok: "Reviewer invited." };
      case "accept-invitation":
      case "decline-invitation":
        await respondToInvitation(deps, user, String(form.assignmentId), form.intent === "accept-invitation");
        return { ok: form.intent === "accept-invitation" ? "Thank you: the manuscript is open for your review." : "Invitation declined." };
      case "annotate":
        await addAnnotation(deps, user, id, form);
        return { ok: "Annotation added." };
      case "reply":
        await replyToAnnotation(deps, user, String(form.annotationId), form);
        return { ok: "Reply posted." };
      case "resolve":
      case "reopen":
        await setResolved(deps, user, String(form.annotationId), form.intent === "resolve");
        return { ok: form.intent === "resolve" ? "Annotation resolved." : "Annotation reopened." };
      case "review":
        await submitReview(deps, user, id, form);
        return { ok: "Review submitted. Thank you." };
      case "decide": {
        const { status } = await decide(deps, user, id, form);
        return { ok: `Decision sent: ${SUBMISSION_STATUS_LABELS[status]}.` };
      }
      case "resubmit": {
        const { round, outcome } = await resubmit(deps, user, id, form);
        return { ok: `Round ${round} submitted. Annotations: ${outcome.exact + outcome.moved} in place, ${outcome.fuzzy} re-anchored on edited text, ${outcome.orphan} orphaned.` };
      }
      case "withdraw":
        await withdraw(deps, user, id);
        return { ok: "Submission withdrawn." };
      default:
        throw new DomainError("VALIDATION", "Unknown action.");
    }
  } catch (error) {
    return formFailure(error);
  }
}

type View = ReturnType<typeof useLoaderData<typeof loader>>["view"];

export default function SubmissionWorkspace() {
  const { view, suggestions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  const latest = view.rounds[view.rounds.length - 1];
  const [findings, setFindings] = useState<CheckFindingView[]>([]);
  const onFindings = useCallback((list: CheckFindingView[]) => setFindings(list), []);
  const canRunChecks = view.role === "editor" || (view.role === "reviewer" && view.myAssignment !== null && view.myAssignment.status !== "invited");
  return (
    <div className="stack">
      <header className="page-header">
        <p className="muted">
          {view.venue.name} · {POLICY_LABELS[view.venue.policy]} · round {view.currentRound} ·{" "}
          <span className={`badge badge--${view.status}`}>{SUBMISSION_STATUS_LABELS[view.status]}</span>
        </p>
        <h1>{view.manuscript.title}</h1>
        {view.manuscript.authors ? (
          <p className="muted" aria-label="Authors">
            {view.manuscript.authors.map((a) => a.name).join(", ")}
          </p>
        ) : (
          <p className="muted">Authors are hidden: double-blind review.</p>
        )}
        <p>
          {view.role === "author" ? <Link to={`/manuscripts/${view.manuscript.id}`}>Open the manuscript</Link> : null}{" "}
          <a href={`/submissions/${view.id}/annotations`}>Export annotations (W3C Web Annotation)</a>
        </p>
      </header>
      {result && "ok" in result ? (
        <div className="alert alert--success" role="status">
          {result.ok}
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />

      {view.role === "reviewer" && view.myAssignment?.status === "invited" ? (
        <div className="alert alert--info stack">
          <p>You are invited to review this manuscript (due {view.myAssignment.dueAt.slice(0, 10)}).</p>
          <Form method="post" className="inline-actions">
            <input type="hidden" name="assignmentId" value={view.myAssignment.id} />
            <button className="button" name="intent" value="accept-invitation">
              Accept and review
            </button>
            <button className="button button--ghost" name="intent" value="decline-invitation">
              Decline
            </button>
          </Form>
        </div>
      ) : null}

      {view.status === "accepted" && view.role !== "reviewer" ? (
        <div className="alert alert--success">
          Accepted. <Link to="/publishing">Prepare the publication</Link>: agree revenue shares, then publish.
        </div>
      ) : null}
      <Decisions view={view} />

      <div className="review-layout">
        <section aria-labelledby="submitted-version" className="stack">
          <h2 id="submitted-version">
            Submitted version (round {view.currentRound}, v{latest.versionNumber})
          </h2>
          <p className="muted">
            Content hash <code>{latest.contentHash}</code>
          </p>
          {view.rounds.length > 1 && view.role !== "reviewer" ? (
            <p>
              <Link to={`/manuscripts/${view.manuscript.id}/compare?from=${view.rounds[view.rounds.length - 2].versionNumber}&to=${latest.versionNumber}`}>
                Compare with the previous round
              </Link>{" "}
              ·{" "}
              <Link to={`/manuscripts/${view.manuscript.id}/compare?from=${view.rounds[0].versionNumber}&to=${latest.versionNumber}`}>
                Compare with the original submission
              </Link>
            </p>
          ) : null}
          <TextWithAnnotations view={view} findings={findings} />
        </section>
        <aside className="stack" aria-label="Annotations">
          <AnnotationList view={view} />
        </aside>
      </div>

      {canRunChecks ? <ChecksPanel submissionId={view.id} canAccept={Boolean(view.role === "reviewer" && view.myAssignment?.canAnnotate)} onFindings={onFindings} /> : null}
      {view.role === "reviewer" && view.myAssignment?.canAnnotate ? <ReviewForm errors={errors} /> : null}
      {view.reviews.length > 0 ? <Reviews view={view} /> : null}
      {view.role === "editor" ? <EditorPanel view={view} suggestions={suggestions} errors={errors} /> : null}
      {view.role === "author" ? <AuthorPanel view={view} errors={errors} /> : null}
    </div>
  );
}

function TextWithAnnotations({ view, findings }: { view: View; findings: CheckFindingView[] }) {
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const busy = useNavigation().state !== "idle";
  const highlights: Highlight[] = [
    ...view.annotations
    .filter((a) => a.anchor.status !== "orphan" && a.anchor.round === view.currentRound && a.anchor.start !== undefined && a.anchor.end !== undefined)
    .map((a): Highlight => ({ id: a.id, start: a.anchor.start!, end: a.anchor.end!, label: `${ANNOTATION_KIND_LABELS[a.kind]}: ${a.body}`, resolved: a.resolved })),
    ...findings.map((f): Highlight => ({ id: `finding-${f.id}`, start: f.start, end: f.end, label: `Automated check: ${f.message}`, machine: true })),
  ];
  const canAnnotate = view.role === "reviewer" && view.myAssignment?.canAnnotate;
  return (
    <>
      <AnnotatableText blocks={view.blocks} highlights={highlights} onSelect={canAnnotate ? setSelection : undefined} />
      {canAnnotate ? (
        selection ? (
          <Form method="post" className="card stack annotate-form" aria-label="New annotation" onSubmit={() => setSelection(null)}>
            <p>
              Selected: “<q data-testid="selected-quote">{selection.quote.length > 120 ? `${selection.quote.slice(0, 120)}…` : selection.quote}</q>”
            </p>
            <input type="hidden" name="start" value={selection.start} />
            <input type="hidden" name="end" value={selection.end} />
            <SelectField label="Kind" name="kind" options={ANNOTATION_KINDS.map((k) => ({ value: k, label: ANNOTATION_KIND_LABELS[k] }))} />
            <TextArea label="Note" name="body" rows={3} required />
            <TextField label="Suggested text (for a suggested edit)" name="suggestion" />
            <div className="inline-actions">
              <button className="button" name="intent" value="annotate" disabled={busy}>
                Add annotation
              </button>
              <button type="button" className="button button--ghost" onClick={() => setSelection(null)}>
                Cancel
              </button>
            </div>
          </Form>
        ) : (
          <p className="muted">Select text in the manuscript to annotate it.</p>
        )
      ) : null}
    </>
  );
}

function AnnotationList({ view }: { view: View }) {
  if (view.annotations.length === 0) return <p className="muted">No annotations yet.</p>;
  return (
    <>
      <h2>Annotations</h2>
      <ul className="annotation-list">
        {view.annotations.map((a) => (
          <li key={a.id} className={`annotation annotation--${a.anchor.status}${a.resolved ? " annotation--resolved" : ""}`} data-testid="annotation">
            <p className="annotation__meta">
              <strong>{ANNOTATION_KIND_LABELS[a.kind]}</strong> · {a.author}
              {a.machineMade ? " (from an automated check)" : ""} · round {a.round}
              {a.anchor.status === "orphan" ? <span className="badge badge--rejected"> orphan: its text was removed</span> : null}
              {a.anchor.status === "fuzzy" ? <span className="badge badge--pending"> re-anchored on edited text</span> : null}
              {a.resolved ? <span className="badge badge--accepted"> resolved</span> : null}
            </p>
            <blockquote className="annotation__quote">{a.quote}</blockquote>
            <p>{a.body}</p>
            {a.suggestion ? (
              <p>
                Suggested: <ins>{a.suggestion}</ins>
              </p>
            ) : null}
            {a.replies.map((r) => (
              <p key={r.id} className={`annotation__reply${r.isResponse ? " annotation__reply--response" : ""}`}>
                <strong>{r.author}{r.isResponse ? " (response)" : ""}:</strong> {r.body}
              </p>
            ))}
            <Form method="post" className="stack">
              <input type="hidden" name="annotationId" value={a.id} />
              <TextField label={view.role === "author" ? "Your response" : "Reply"} name="body" />
              <div className="inline-actions">
                <button className="button button--small" name="intent" value="reply">
                  {view.role === "author" ? "Respond" : "Reply"}
                </button>
                {view.role !== "author" ? (
                  <button className="button button--small button--ghost" name="intent" value={a.resolved ? "reopen" : "resolve"}>
                    {a.resolved ? "Reopen" : "Resolve"}
                  </button>
                ) : null}
              </div>
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}

function ReviewForm({ errors }: { errors: Record<string, string> }) {
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card stack" aria-labelledby="review-form">
      <h2 id="review-form">Your review</h2>
      <Form method="post" noValidate className="stack">
        <TextArea label="Summary" name="summary" rows={4} error={errors.summary} />
        <TextArea label="Strengths" name="strengths" rows={3} error={errors.strengths} />
        <TextArea label="Weaknesses" name="weaknesses" rows={3} error={errors.weaknesses} />
        <SelectField
          label="Recommendation"
          name="recommendation"
          options={[{ value: "", label: "— choose —" }, ...DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }))]}
          error={errors.recommendation}
        />
        <div className="score-grid">
          {(["originality", "rigour", "clarity"] as const).map((s) => (
            <TextField key={s} label={`${s[0].toUpperCase()}${s.slice(1)} (1–5)`} name={s} type="number" min={1} max={5} error={errors[s]} />
          ))}
        </div>
        <TextArea label="Confidential comments to the editor" name="confidentialComments" rows={3} hint="Never shown to the authors." />
        <label className="checkbox">
          <input type="checkbox" name="openConsent" />
          <span>Publish this review with the article (open review), with my name where the venue's policy is open.</span>
        </label>
        <button className="button" name="intent" value="review" disabled={busy}>
          Submit review
        </button>
      </Form>
    </section>
  );
}

function Reviews({ view }: { view: View }) {
  return (
    <section className="card stack" aria-labelledby="reviews">
      <h2 id="reviews">Reviews</h2>
      {view.reviews.map((r, i) => (
        <article key={i} className="review" data-testid="review">
          <h3>
            {r.reviewer} · round {r.round} · recommends {DECISION_LABELS[r.recommendation]}
          </h3>
          <p>{r.summary}</p>
          {r.strengths ? (
            <p>
              <strong>Strengths:</strong> {r.strengths}
            </p>
          ) : null}
          {r.weaknesses ? (
            <p>
              <strong>Weaknesses:</strong> {r.weaknesses}
            </p>
          ) : null}
          <p className="muted">
            Originality {r.scores.originality}/5 · rigour {r.scores.rigour}/5 · clarity {r.scores.clarity}/5
          </p>
          {r.confidentialComments ? (
            <p className="confidential">
              <strong>Confidential to the editor:</strong> {r.confidentialComments}
            </p>
          ) : null}
        </article>
      ))}
    </section>
  );
}

function Decisions({ view }: { view: View }) {
  const decided = view.rounds.filter((r) => r.decision && r.decisionLetter);
  if (decided.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="decisions">
      <h2 id="decisions">Decisions</h2>
      {decided.map((r) => (
        <article key={r.round}>
          <h3>
            Round {r.round}: {DECISION_LABELS[r.decision!]}
          </h3>
          <p className="decision-letter">{r.decisionLetter}</p>
        </article>
      ))}
    </section>
  );
}

function EditorPanel({ view, suggestions, errors }: { view: View; suggestions: ReturnType<typeof useLoaderData<typeof loader>>["suggestions"]; errors: Record<string, string> }) {
  const busy = useNavigation().state !== "idle";
  const open = view.status === "submitted" || view.status === "under_review";
  return (
    <>
      <section className="card stack" aria-labelledby="reviewers">
        <h2 id="reviewers">Reviewers</h2>
        {view.assignments.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col">Round</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
                <th scope="col">Conflicts</th>
              </tr>
            </thead>
            <tbody>
              {view.assignments.map((a) => (
                <tr key={a.id}>
                  <td>{a.reviewer}</td>
                  <td>{a.round}</td>
                  <td>
                    <span className={`badge badge--${a.status}`}>{a.status}</span>
                  </td>
                  <td>{a.dueAt.slice(0, 10)}</td>
                  <td>{a.conflicts.length ? `${a.conflicts.map((c) => c.detail).join("; ")} — overridden: ${a.overrideReason}` : "none"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No reviewer invited yet.</p>
        )}
        {open ? (
          <>
            <h3>Suggested reviewers</h3>
            <ul className="item-list" aria-label="Suggested reviewers">
              {suggestions.map((s) => (
                <li key={s.userId} data-testid="reviewer-suggestion">
                  <span>
                    <strong>{s.name}</strong> {s.alreadyInvited ? <span className="badge">invited</span> : null}
                    {s.conflicts.length ? <span className="badge badge--rejected"> conflict</span> : null}
                  </span>
                  <span className="item-list__meta">
                    {s.sharedTerms.length ? `shared topics: ${s.sharedTerms.join(", ")}` : "no shared topics"}
                    {s.conflicts.length ? ` · ${s.conflicts.map((c) => c.detail).join("; ")}` : ""}
                  </span>
                </li>
              ))}
            </ul>
            <Form method="post" noValidate className="stack" aria-label="Invite a reviewer">
              <SelectField
                label="Reviewer"
                name="reviewerId"
                options={[{ value: "", label: "— choose —" }, ...suggestions.filter((s) => !s.alreadyInvited).map((s) => ({ value: s.userId, label: `${s.name}${s.conflicts.length ? " (conflict)" : ""}` }))]}
                error={errors.reviewerId}
              />
              <TextField label="Days to review" name="dueInDays" type="number" defaultValue={21} min={1} max={90} error={errors.dueInDays} />
              <TextArea label="Reason to override a conflict (required only when flagged)" name="overrideReason" rows={2} error={errors.overrideReason} />
              <button className="button" name="intent" value="invite" disabled={busy}>
                Invite reviewer
              </button>
            </Form>
          </>
        ) : null}
      </section>
      {open ? (
        <section className="card stack" aria-labelledby="decide">
          <h2 id="decide">Decision</h2>
          <Form method="post" noValidate className="stack">
            <SelectField
              label="Decision"
              name="decision"
              options={[{ value: "", label: "— choose —" }, ...DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }))]}
              error={errors.decision}
            />
            <TextArea label="Decision letter" name="letter" rows={6} error={errors.letter} />
            <button className="button" name="intent" value="decide" disabled={busy}>
              Send decision
            </button>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="audit">
        <h2 id="audit">Audit trail</h2>
        <ol className="audit-list">
          {view.audit.map((e, i) => (
            <li key={i}>
              <code>{e.at.slice(0, 19).replace("T", " ")}</code> {e.action}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function AuthorPanel({ view, errors }: { view: View; errors: Record<string, string> }) {
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card stack" aria-labelledby="author-actions">
      <h2 id="author-actions">Your submission</h2>
      {view.status === "revision_requested" ? (
        <Form method="post" noValidate className="stack">
          <p>
            Revise the draft in the <Link to={`/manuscripts/${view.manuscript.id}`}>editor</Link>, answer each annotation above, then resubmit: the current draft is
            frozen as round {view.currentRound + 1}.
          </p>
          <TextArea label="Response letter" name="coverLetter" rows={4} error={errors.coverLetter} />
          <button className="button" name="intent" value="resubmit" disabled={busy}>
            Resubmit revised manuscript
          </button>
        </Form>
      ) : null}
      {view.status === "submitted" || view.status === "under_review" || view.status === "revision_requested" ? (
        <Form method="post">
          <button className="button button--ghost" name="intent" value="withdraw">
            Withdraw submission
          </button>
        </Form>
      ) : (
        <p className="muted">This submission is {SUBMISSION_STATUS_LABELS[view.status].toLowerCase()}.</p>
      )}
    </section>
  );
}
