// Matchmaker Exchange API v1: POST /mme/match. Authenticated per peer by X-Auth-Token; errors are JSON messages.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleMatchRequest, type MmeHttpResponse } from "~/modules/cases/index.server";
import { db } from "~/utils/db.server";

const send = (r: MmeHttpResponse) => new Response(JSON.stringify(r.body), { status: r.status, headers: r.headers });

export async function loader() {
  return new Response(JSON.stringify({ message: "Use POST with an MME match request." }), { status: 405, headers: { "Content-Type": "application/json", Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  const response = await handleMatchRequest(
    { db: db() },
    { token: request.headers.get("X-Auth-Token"), contentType: request.headers.get("Content-Type"), accept: request.headers.get("Accept"), body: await request.text() },
  );
  return send(response);
}
