// Matchmaker Exchange heartbeat: is this node up, which API versions it accepts.
import { heartbeat } from "~/modules/cases/index.server";

export async function loader() {
  const r = heartbeat();
  return new Response(JSON.stringify(r.body), { status: r.status, headers: r.headers });
}
