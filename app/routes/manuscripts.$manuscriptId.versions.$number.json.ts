import type { LoaderFunctionArgs } from "@remix-run/node";
import { getManuscriptFor, getVersion } from "~/modules/manuscripts/index.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { isDomainError } from "~/utils/errors";

/** A version's ProseMirror JSON, for restoring it in the editor. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const deps = { db: db() };
    const { manuscript } = await getManuscriptFor(deps, user, params.manuscriptId ?? "");
    const version = await getVersion(deps, manuscript.id, Number(params.number));
    return Response.json({ number: version.number, name: version.name, contentHash: version.contentHash, content: version.content });
  } catch (error) {
    if (isDomainError(error)) return Response.json({ message: error.message }, { status: error.status });
    throw error;
  }
}
