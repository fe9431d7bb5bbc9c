// Matchmaker Exchange metrics for peers (X-Auth-Token): counts over the cases this node may share.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { metrics } from "~/modules/cases/index.server";
import { db } from "~/utils/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const r = await metrics({ db: db() }, request.headers.get("X-Auth-Token"));
  return new Response(JSON.stringify(r.body), { status: r.status, headers: r.headers });
}
