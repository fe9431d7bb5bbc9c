import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { diffVersions, getManuscriptFor } from "~/modules/manuscripts/index.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Compare versions · MedNexus" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const deps = { db: db() };
  const { manuscript } = await getManuscriptFor(deps, user, params.manuscriptId ?? "").catch(rethrowAsResponse);
  const diff = await diffVersions(deps, manuscript.id, Number(url.searchParams.get("from")), Number(url.searchParams.get("to"))).catch(rethrowAsResponse);
  return { manuscriptId: manuscript.id, title: manuscript.title, diff };
}

export default function CompareVersions() {
  const { manuscriptId, title, diff } = useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <p>
        <Link to={`/manuscripts/${manuscriptId}`}>← {title}</Link>
      </p>
      <h1>
        v{diff.from.number} “{diff.from.name}” → v{diff.to.number} “{diff.to.name}”
      </h1>
      <p className="muted">
        <ins className="diff-legend">{diff.added} characters added</ins> · <del>{diff.removed} characters removed</del>
      </p>
      <div className="diff" data-testid="version-diff">
        {diff.parts.map((part, i) =>
          part.kind === "added" ? <ins key={i}>{part.text}</ins> : part.kind === "removed" ? <del key={i}>{part.text}</del> : <span key={i}>{part.text}</span>,
        )}
      </div>
    </article>
  );
}
