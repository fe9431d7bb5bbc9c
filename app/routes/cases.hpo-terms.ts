// Term picker search over the HPO labels and synonyms, for clinicians entering or searching cases.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchHpoTerms } from "~/modules/cases/index.server";
import { requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!can(user, "case:create") && !can(user, "case:search")) throw new Response("Only clinicians search HPO terms here.", { status: 403 });
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  return Response.json(searchHpoTerms(q));
}
