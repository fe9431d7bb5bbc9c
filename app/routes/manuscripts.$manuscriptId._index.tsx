import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import katexStyles from "katex/dist/katex.min.css";
import { EditorMount } from "~/components/editor/EditorMount";
import { FormAlert, SelectField, TextArea, TextField } from "~/components/ui/form";
import {
  answerInvitation,
  contributionOf,
  createVersion,
  documentNameOf,
  getManuscriptFor,
  inviteCoAuthor,
  issueCollabToken,
  listVersions,
  moveAuthor,
  removeCoAuthor,
  setCreditRoles,
} from "~/modules/manuscripts/index.server";
import { ARTICLE_TYPE_LABELS, CREDIT_ROLES, STATUS_LABELS } from "~/modules/manuscripts/model";
import { submissionsOf, submitManuscript, venuesForSubmission } from "~/modules/review/index.server";
import { POLICY_LABELS, SUBMISSION_STATUS_LABELS } from "~/modules/review/model";

import { requireUser } from "~/utils/auth.server";
import { getCollabControl } from "~/utils/collab-control.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { getServerEnv } from "~/utils/env.server";
import { formFailure, rethrowAsResponse } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: katexStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.manuscript.title ?? "Manuscript"} · MedNexus` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const deps = { db: db() };
  const { manuscript, isAuthor, isInvited } = await getManuscriptFor(deps, user, params.manuscriptId ?? "").catch(rethrowAsResponse);
  const grant = await issueCollabToken({ db: db(), secret: getServerEnv().COLLAB_TOKEN_SECRET! }, user, manuscript.id).catch(() => null);
  const [versions, contribution, submissions, venues] = await Promise.all([
    listVersions(deps, manuscript.id),
    grant ? contributionOf(deps, manuscript.id) : null,
    submissionsOf(deps, manuscript.id),
    venuesForSubmission(deps),
  ]);
  return {
    isAuthor,
    isInvited,
    user: { id: user.id, name: user.name },
    grant: grant ? { token: grant.token, documentName: grant.documentName, access: grant.access } : null,
    versions: versions.map((v) => ({ number: v.number, name: v.name, contentHash: v.contentHash, createdAt: v.createdAt.toISOString(), author: v.author })),
    contribution,
    submissions,
    venues: isAuthor && (manuscript.status === "draft" || manuscript.status === "rejected") ? venues : [],
    manuscript: {
      id: manuscript.id,
      title: manuscript.title,
      abstract: manuscript.abstract,
      keywords: manuscript.keywords,
      articleType: manuscript.articleType,
      status: manuscript.status,
      authors: [...manuscript.authors]
        .filter((a) => a.status !== "declined")
        .sort((a, b) => a.position - b.position)
        .map((a) => ({ id: a.userId, name: a.user.name, orcid: a.user.orcid, corresponding: a.isCorresponding, status: a.status, creditRoles: a.creditRoles })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const manuscriptId = params.manuscriptId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const userId = String(form.get("userId") ?? "");
  const deps = {
    db: db(),
    onAccessRevoked: (id: string, revoked: string) => getCollabControl()?.recheck(documentNameOf(id), revoked),
  };
  try {
    switch (intent) {
      case "accept":
      case "decline":
        await answerInvitation(deps, user, manuscriptId, intent === "accept");
        return { ok: intent === "accept" ? "Welcome aboard: you are now a co-author." : "Invitation declined." };
      case "invite": {
        const invitee = await inviteCoAuthor(deps, user, manuscriptId, { email: form.get("email") });
        return { ok: `${invitee.name} was invited.` };
      }
      case "remove":
        await removeCoAuthor(deps, user, manuscriptId, userId);
        return { ok: "Author removed." };
      case "up":
      case "down":
        await moveAuthor(deps, user, manuscriptId, userId, intent);
        return { ok: "Author order updated." };
      case "credit":
        await setCreditRoles(deps, user, manuscriptId, userId, form.getAll("creditRoles"));
        return { ok: "Contributor roles saved." };
      case "submit": {
        const submission = await submitManuscript(deps, user, manuscriptId, { venueId: form.get("venueId"), coverLetter: form.get("coverLetter") ?? "" });
        return redirect(`/submissions/${submission.id}`);
      }
      case "version": {
        const version = await createVersion(deps, user, manuscriptId, { name: form.get("name") });
        return { ok: `Version ${version.number} “${version.name}” saved.` };
      }
      default:
        return formFailure(new DomainError("VALIDATION", "Unknown action."));
    }
  } catch (error) {
    return formFailure(error);
  }
}

export default function ManuscriptPage() {
  const { manuscript, grant, user, isAuthor, isInvited, versions, contribution, submissions, venues } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const fieldErrors = result && "fieldErrors" in result ? result.fieldErrors : {};
  return (
    <article className="stack">
      <header className="page-header">
        <p className="muted">
          {ARTICLE_TYPE_LABELS[manuscript.articleType]} · <span className={`badge badge--${manuscript.status}`}>{STATUS_LABELS[manuscript.status]}</span>
        </p>
        <h1>{manuscript.title}</h1>
        <ol className="author-list" aria-label="Authors">
          {manuscript.authors
            .filter((a) => a.status === "accepted")
            .map((a) => (
              <li key={a.id}>
                {a.name}
                {a.corresponding ? <span title="Corresponding author"> ✉</span> : null}
                {a.orcid ? <span className="muted"> · ORCID {a.orcid}</span> : null}
              </li>
            ))}
        </ol>
      </header>
      {result && "ok" in result ? (
        <div className="alert alert--success" role="status">
          {result.ok}
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result && !Object.keys(fieldErrors).length ? result.formError : null} />

      {isInvited ? (
        <div className="alert alert--info stack">
          <p>You are invited to co-author this manuscript.</p>
          <Form method="post" className="inline-actions">
            <button className="button" name="intent" value="accept">
              Accept invitation
            </button>
            <button className="button button--ghost" name="intent" value="decline">
              Decline
            </button>
          </Form>
        </div>
      ) : null}

      {submissions.length > 0 ? (
        <section className="card" aria-labelledby="submissions-heading">
          <h2 id="submissions-heading">Submissions</h2>
          <ul className="item-list">
            {submissions.map((s) => (
              <li key={s.id}>
                <Link to={`/submissions/${s.id}`}>
                  {s.venue} · round {s.round}
                </Link>
                <span className="item-list__meta">
                  <span className={`badge badge--${s.status}`}>{SUBMISSION_STATUS_LABELS[s.status]}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {venues.length > 0 ? (
        <details className="card">
          <summary>Submit this manuscript to a venue</summary>
          <Form method="post" noValidate className="stack">
            <SelectField
              label="Venue"
              name="venueId"
              options={[{ value: "", label: "— choose —" }, ...venues.map((v) => ({ value: v.id, label: `${v.name} — ${POLICY_LABELS[v.policy]}` }))]}
              error={fieldErrors.venueId}
            />
            <TextArea label="Cover letter" name="coverLetter" rows={4} error={fieldErrors.coverLetter} />
            <p className="muted">The current draft is frozen as a named version; that version is what reviewers read.</p>
            <button className="button" name="intent" value="submit" disabled={busy}>
              Submit manuscript
            </button>
          </Form>
        </details>
      ) : null}

      <section aria-labelledby="abstract">
        <h2 id="abstract">Abstract</h2>
        <p>{manuscript.abstract || <span className="muted">No abstract yet.</span>}</p>
        {manuscript.keywords.length > 0 ? (
          <p>
            <strong>Keywords:</strong> {manuscript.keywords.join(", ")}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="manuscript-text" className="stack">
        <h2 id="manuscript-text">Manuscript</h2>
        {grant ? (
          <EditorMount manuscriptId={manuscript.id} grant={grant} user={user} versions={versions.map((v) => ({ number: v.number, name: v.name }))} />
        ) : (
          <p className="muted">{isInvited ? "Accept the invitation to open the text." : "You cannot open the text of this manuscript."}</p>
        )}
      </section>

      <div className="dashboard-grid">
        <section className="card stack" aria-labelledby="authors-heading">
          <h2 id="authors-heading">Authors and contributions</h2>
          <ul className="item-list">
            {manuscript.authors.map((a, i) => (
              <li key={a.id}>
                <span>
                  <strong>
                    {i + 1}. {a.name}
                  </strong>{" "}
                  {a.status === "invited" ? <span className="badge badge--pending">invited</span> : null}
                </span>
                <span className="item-list__meta">{a.creditRoles.length ? a.creditRoles.join(", ") : "No CRediT roles yet"}</span>
                {isAuthor ? (
                  <div className="stack">
                    <Form method="post" className="inline-actions">
                      <input type="hidden" name="userId" value={a.id} />
                      <button className="button button--small button--ghost" name="intent" value="up" aria-label={`Move ${a.name} up`} disabled={i === 0}>
                        ↑
                      </button>
                      <button className="button button--small button--ghost" name="intent" value="down" aria-label={`Move ${a.name} down`} disabled={i === manuscript.authors.length - 1}>
                        ↓
                      </button>
                      <button className="button button--small button--ghost" name="intent" value="remove" aria-label={`Remove ${a.name}`}>
                        Remove
                      </button>
                    </Form>
                    <details>
                      <summary>CRediT roles of {a.name}</summary>
                      <Form method="post" className="stack">
                        <input type="hidden" name="userId" value={a.id} />
                        <div className="checkbox-grid">
                          {CREDIT_ROLES.map((role) => (
                            <label key={role} className="checkbox">
                              <input type="checkbox" name="creditRoles" value={role} defaultChecked={a.creditRoles.includes(role)} />
                              <span>{role}</span>
                            </label>
                          ))}
                        </div>
                        <button className="button button--small" name="intent" value="credit">
                          Save roles
                        </button>
                      </Form>
                    </details>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {isAuthor ? (
            <Form method="post" noValidate className="stack">
              <TextField label="Invite a co-author by e-mail" name="email" type="email" error={fieldErrors.email} />
              <button className="button button--small" name="intent" value="invite" disabled={busy}>
                Send invitation
              </button>
            </Form>
          ) : null}
        </section>

        {contribution ? (
          <section className="card" aria-labelledby="contribution-heading">
            <h2 id="contribution-heading">Who wrote what</h2>
            <p className="muted">Share of the current text, measured from the edit history ({contribution.total} characters).</p>
            {contribution.people.length === 0 ? (
              <p className="muted">Nobody has written in the editor yet.</p>
            ) : (
              <ul className="contribution">
                {contribution.people.map((p) => (
                  <li key={p.userId}>
                    <span>{p.name}</span>
                    <span className="contribution__bar" aria-hidden="true">
                      <span style={{ width: `${Math.round(p.share * 100)}%` }} />
                    </span>
                    <span data-testid={`contribution-${p.name}`}>
                      {Math.round(p.share * 100)}% · {p.characters} chars
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}

        <section className="card stack" aria-labelledby="versions-heading">
          <h2 id="versions-heading">Versions</h2>
          {isAuthor ? (
            <Form method="post" noValidate className="stack">
              <TextField label="Name this version" name="name" placeholder="e.g. First full draft" error={fieldErrors.name} />
              <button className="button button--small" name="intent" value="version" disabled={busy}>
                Save version
              </button>
            </Form>
          ) : null}
          {versions.length === 0 ? (
            <p className="muted">No saved versions yet.</p>
          ) : (
            <>
              <ul className="item-list">
                {versions.map((v) => (
                  <li key={v.number}>
                    <Link to={`/manuscripts/${manuscript.id}/versions/${v.number}`}>
                      v{v.number} · {v.name}
                    </Link>
                    <span className="item-list__meta">
                      {v.author ?? "—"} · {v.createdAt.slice(0, 16).replace("T", " ")} · <code title={v.contentHash}>{v.contentHash.slice(7, 19)}</code>
                    </span>
                  </li>
                ))}
              </ul>
              {versions.length > 1 ? (
                <Form method="get" action={`/manuscripts/${manuscript.id}/compare`} className="inline-actions">
                  <VersionSelect label="From" name="from" versions={versions} defaultValue={versions[1].number} />
                  <VersionSelect label="to" name="to" versions={versions} defaultValue={versions[0].number} />
                  <button className="button button--small">Compare</button>
                </Form>
              ) : null}
            </>
          )}
        </section>
      </div>
    </article>
  );
}

function VersionSelect({ label, name, versions, defaultValue }: { label: string; name: string; versions: Array<{ number: number }>; defaultValue: number }) {
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={defaultValue} className="input">
        {versions.map((v) => (
          <option key={v.number} value={v.number}>
            v{v.number}
          </option>
        ))}
      </select>
    </label>
  );
}
