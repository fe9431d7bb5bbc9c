import type { ActionFunctionArgs } from "@remix-run/node";
import { issueCollabToken } from "~/modules/manuscripts/index.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getServerEnv } from "~/utils/env.server";
import { isDomainError } from "~/utils/errors";

/** POST: a fresh collab token for this manuscript (the editor asks again when the server refuses an expired one). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const grant = await issueCollabToken({ db: db(), secret: getServerEnv().COLLAB_TOKEN_SECRET! }, user, params.manuscriptId ?? "");
    return Response.json(grant, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isDomainError(error)) return Response.json({ message: error.message }, { status: error.status });
    throw error;
  }
}

export async function loader() {
  return Response.json({ message: "POST to get a collab token." }, { status: 405 });
}
