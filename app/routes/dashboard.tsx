import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { identityOverview } from "~/modules/identity/index.server";
import { reviewOverview } from "~/modules/review/index.server";
import { SUBMISSION_STATUS_LABELS } from "~/modules/review/model";
import { ROLE_LABELS } from "~/modules/identity/model";
import { listMyManuscripts, myInvitations } from "~/modules/manuscripts/index.server";
import { ARTICLE_TYPE_LABELS, STATUS_LABELS } from "~/modules/manuscripts/model";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Dashboard · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const deps = { db: db() };
  const summarise = (list: Awaited<ReturnType<typeof listMyManuscripts>>) =>
    list.map((m) => ({ id: m.id, title: m.title, status: m.status, articleType: m.articleType, authors: m.authors.filter((a) => a.status === "accepted").map((a) => a.user.name) }));
  return {
    user: { name: user.name, roles: user.roles },
    identity: await identityOverview(deps, user),
    invitations: await myInvitations(deps, user),
    review: await reviewOverview(deps, user),
    manuscripts: can(user, "manuscript:create")
      ? summarise((await listMyManuscripts(deps, user)).filter((m) => m.authors.some((a) => a.userId === user.id && a.status === "accepted")))
      : null,
  };
}

type ManuscriptSummary = { id: string; title: string; status: keyof typeof STATUS_LABELS; articleType: keyof typeof ARTICLE_TYPE_LABELS; authors: string[] };

function ManuscriptList({ items, empty }: { items: ManuscriptSummary[]; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="item-list">
      {items.map((m) => (
        <li key={m.id}>
          <Link to={`/manuscripts/${m.id}`}>{m.title}</Link>
          <span className="item-list__meta">
            <span className={`badge badge--${m.status}`}>{STATUS_LABELS[m.status]}</span> {ARTICLE_TYPE_LABELS[m.articleType]} ·{" "}
            {m.authors.join(", ")}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function Dashboard() {
  const { user, identity, manuscripts, invitations, review } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Welcome, {user.name}</h1>
        <p className="muted">
          Your roles: {user.roles.map((r) => ROLE_LABELS[r]).join(", ")} ·{" "}
          <Link to="/profile">Edit your profile</Link>
        </p>
      </header>
      {!identity.orcid ? (
        <div className="alert alert--info">
          Add your ORCID iD to your <Link to="/profile">profile</Link> so your work is linked to you.
        </div>
      ) : null}

      <div className="dashboard-grid">
        {review.notifications.length > 0 ? (
          <section className="card" aria-labelledby="notifications">
            <h2 id="notifications">What's new</h2>
            <ul className="item-list">
              {review.notifications.map((n) => (
                <li key={n.id}>
                  <Link to={n.link}>{n.message}</Link>
                  <span className="item-list__meta">{n.at.slice(0, 16).replace("T", " ")}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {user.roles.includes("reviewer") ? (
          <section className="card" aria-labelledby="my-reviews">
            <h2 id="my-reviews">My reviews</h2>
            {review.assignments.length === 0 ? (
              <p className="muted">No review invitations yet.</p>
            ) : (
              <ul className="item-list">
                {review.assignments.map((a) => (
                  <li key={a.id}>
                    <Link to={`/submissions/${a.submissionId}`}>{a.title}</Link>
                    <span className="item-list__meta">
                      <span className={`badge badge--${a.status}`}>{a.status}</span> {a.venue} · round {a.round} · due {a.dueAt.slice(0, 10)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
        {user.roles.includes("editor") ? (
          <section className="card" aria-labelledby="review-queue">
            <h2 id="review-queue">Submissions to handle</h2>
            {review.queue.length === 0 ? (
              <p className="muted">No submissions in your venues.</p>
            ) : (
              <ul className="item-list">
                {review.queue.map((s) => (
                  <li key={s.id}>
                    <Link to={`/submissions/${s.id}`}>{s.title}</Link>
                    <span className="item-list__meta">
                      <span className={`badge badge--${s.status}`}>{SUBMISSION_STATUS_LABELS[s.status]}</span> {s.venue} · round {s.round} · {s.reviewsIn}/{s.reviewers} reviews in
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
        {invitations.length > 0 ? (
          <section className="card" aria-labelledby="invitations">
            <h2 id="invitations">Invitations to co-author</h2>
            <ul className="item-list">
              {invitations.map((i) => (
                <li key={i.manuscriptId}>
                  <Link to={`/manuscripts/${i.manuscriptId}`}>{i.title}</Link>
                  <span className="item-list__meta">Open it to accept or decline.</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {manuscripts ? (
          <section className="card" aria-labelledby="my-manuscripts">
            <div className="card__header">
              <h2 id="my-manuscripts">My manuscripts</h2>
              <Link to="/manuscripts/new" className="button button--small">
                New manuscript
              </Link>
            </div>
            <ManuscriptList items={manuscripts} empty="You have no manuscripts yet. Start one to write with your co-authors." />
          </section>
        ) : null}



        {identity.pendingByInstitution.length > 0 ? (
          <section className="card" aria-labelledby="verify-members">
            <h2 id="verify-members">Members to verify</h2>
            {identity.pendingByInstitution.map((inst) => (
              <div key={inst.id}>
                <h3>
                  <Link to={`/institutions/${inst.id}`}>{inst.name}</Link>
                </h3>
                {inst.pending.length === 0 ? (
                  <p className="muted">No pending requests.</p>
                ) : (
                  <ul>
                    {inst.pending.map((p) => (
                      <li key={p.id}>{p.name}</li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </section>
        ) : null}

        {identity.platform ? (
          <section className="card" aria-labelledby="platform">
            <h2 id="platform">Platform</h2>
            <p>
              {identity.platform.people} people · {identity.platform.institutions} institutions
            </p>
            <p>
              <Link to="/admin/users">Manage roles</Link> · <Link to="/institutions">Institutions</Link>
            </p>
          </section>
        ) : null}

        <section className="card" aria-labelledby="my-institutions">
          <h2 id="my-institutions">My institutions</h2>
          {identity.memberships.length === 0 ? (
            <p className="muted">
              You are not a member of an institution yet. <Link to="/institutions">Ask to join one</Link>.
            </p>
          ) : (
            <ul className="item-list">
              {identity.memberships.map((m) => (
                <li key={m.id}>
                  <Link to={`/institutions/${m.id}`}>{m.name}</Link>
                  <span className="item-list__meta">
                    <span className={`badge badge--${m.status}`}>{m.status}</span>
                    {m.isAdmin ? " · admin" : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
