// FHIR R4 export of a case's consent versions (a Bundle of Consent resources), for its clinicians.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportConsentsAsFhir } from "~/modules/cases/index.server";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { rethrowAsResponse } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "case:create");
  const bundle = await exportConsentsAsFhir({ db: db() }, user, params.caseId ?? "").catch(rethrowAsResponse);
  return new Response(JSON.stringify(bundle, null, 2), { headers: { "Content-Type": "application/fhir+json" } });
}
