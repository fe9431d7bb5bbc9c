import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAnnotations } from "~/modules/review/index.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { isDomainError } from "~/utils/errors";

/** W3C Web Annotation JSON-LD of the annotations this person may see on the submission. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const page = await exportAnnotations({ db: db() }, user, params.submissionId ?? "", new URL(request.url).origin);
    return new Response(JSON.stringify(page, null, 2), {
      headers: { "Content-Type": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (isDomainError(error)) return Response.json({ message: error.message }, { status: error.status });
    throw error;
  }
}
