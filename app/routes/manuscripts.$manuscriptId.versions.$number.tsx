import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RenderNode, type PmNode } from "~/components/editor/RenderDoc";
import { getManuscriptFor, getVersion } from "~/modules/manuscripts/index.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `v${data?.version.number ?? ""} · ${data?.title ?? "Manuscript"} · MedNexus` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const deps = { db: db() };
  const { manuscript } = await getManuscriptFor(deps, user, params.manuscriptId ?? "").catch(rethrowAsResponse);
  const version = await getVersion(deps, manuscript.id, Number(params.number)).catch(rethrowAsResponse);
  return {
    manuscriptId: manuscript.id,
    title: manuscript.title,
    version: { number: version.number, name: version.name, contentHash: version.contentHash, createdAt: version.createdAt.toISOString(), content: version.content },
  };
}

export default function VersionView() {
  const { manuscriptId, title, version } = useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <p>
        <Link to={`/manuscripts/${manuscriptId}`}>← {title}</Link>
      </p>
      <h1>
        Version {version.number}: {version.name}
      </h1>
      <p className="muted">
        Saved {version.createdAt.slice(0, 16).replace("T", " ")} · content hash <code>{version.contentHash}</code> · read-only
      </p>
      <div className="version-view" data-testid="version-content">
        <RenderNode node={version.content as PmNode} />
      </div>
    </article>
  );
}
