import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { reviewAssignments } from "../../db/schema";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/** The link in a review invitation: opens the reviewer's workspace for that submission. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.assignmentId ?? "";
  const assignment = /^[0-9a-f-]{36}$/i.test(id) ? await db().query.reviewAssignments.findFirst({ where: eq(reviewAssignments.id, id) }) : undefined;
  if (!assignment || assignment.reviewerId !== user.id) throw new Response("No such review invitation.", { status: 404 });
  throw redirect(`/submissions/${assignment.submissionId}`);
}
