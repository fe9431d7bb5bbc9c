import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listEditorialQueue, listMyManuscripts } from "~/modules/manuscripts/index.server";
import { ARTICLE_TYPE_LABELS, STATUS_LABELS } from "~/modules/manuscripts/model";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Manuscripts · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const canWrite = can(user, "manuscript:create");
  const canEdit = can(user, "manuscript:read:any");
  if (!canWrite && !canEdit) throw new Response("Manuscripts are for authors and editors.", { status: 403 });
  const deps = { db: db() };
  const rows = canWrite ? await listMyManuscripts(deps, user) : await listEditorialQueue(deps, user);
  return {
    canWrite,
    heading: canWrite ? "My manuscripts" : "Editorial queue",
    manuscripts: rows.map((m) => ({
      id: m.id,
      title: m.title,
      status: m.status,
      articleType: m.articleType,
      authors: m.authors.map((a) => a.user.name),
      updatedAt: m.updatedAt.toISOString(),
    })),
  };
}

export default function Manuscripts() {
  const { canWrite, heading, manuscripts } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header page-header--row">
        <h1>{heading}</h1>
        {canWrite ? (
          <Link to="/manuscripts/new" className="button">
            New manuscript
          </Link>
        ) : null}
      </div>
      {manuscripts.length === 0 ? (
        <p className="muted">Nothing here yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Type</th>
              <th scope="col">Authors</th>
              <th scope="col">Status</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {manuscripts.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/manuscripts/${m.id}`}>{m.title}</Link>
                </td>
                <td>{ARTICLE_TYPE_LABELS[m.articleType]}</td>
                <td>{m.authors.join(", ")}</td>
                <td>
                  <span className={`badge badge--${m.status}`}>{STATUS_LABELS[m.status]}</span>
                </td>
                <td>{m.updatedAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
