import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getManuscriptFor } from "~/modules/manuscripts/index.server";
import { ARTICLE_TYPE_LABELS, STATUS_LABELS } from "~/modules/manuscripts/model";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.manuscript.title ?? "Manuscript"} · MedNexus` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { manuscript, isAuthor } = await getManuscriptFor({ db: db() }, user, params.manuscriptId ?? "").catch(rethrowAsResponse);
  return {
    isAuthor,
    manuscript: {
      id: manuscript.id,
      title: manuscript.title,
      abstract: manuscript.abstract,
      keywords: manuscript.keywords,
      articleType: manuscript.articleType,
      status: manuscript.status,
      authors: [...manuscript.authors]
        .sort((a, b) => a.position - b.position)
        .map((a) => ({ id: a.userId, name: a.user.name, orcid: a.user.orcid, corresponding: a.isCorresponding, status: a.status })),
    },
  };
}

export default function ManuscriptPage() {
  const { manuscript } = useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <header className="page-header">
        <p className="muted">
          {ARTICLE_TYPE_LABELS[manuscript.articleType]} · <span className={`badge badge--${manuscript.status}`}>{STATUS_LABELS[manuscript.status]}</span>
        </p>
        <h1>{manuscript.title}</h1>
        <ol className="author-list">
          {manuscript.authors.map((a) => (
            <li key={a.id}>
              {a.name}
              {a.corresponding ? <span title="Corresponding author"> ✉</span> : null}
              {a.orcid ? <span className="muted"> · ORCID {a.orcid}</span> : null}
              {a.status !== "accepted" ? <span className="muted"> ({a.status})</span> : null}
            </li>
          ))}
        </ol>
      </header>
      <section aria-labelledby="abstract">
        <h2 id="abstract">Abstract</h2>
        <p>{manuscript.abstract || <span className="muted">No abstract yet.</span>}</p>
      </section>
      {manuscript.keywords.length > 0 ? (
        <p>
          <strong>Keywords:</strong> {manuscript.keywords.join(", ")}
        </p>
      ) : null}
    </article>
  );
}
