import type { SessionUser } from "../identity/model";
import { ANNO_CONTEXT, toWebAnnotation } from "./anchoring/web-annotation";
import * as q from "./queries.server";
import type { ReviewDeps } from "./submissions.server";
import { submissionView } from "./views.server";

/**
 * The submission's annotations this person may see, as one W3C Web Annotation AnnotationPage (JSON-LD).
 * Blinding follows the workspace: a hidden reviewer appears as "Reviewer N" with no identifier.
 */
export async function exportAnnotations(deps: ReviewDeps, actor: SessionUser, submissionId: string, baseUrl: string) {
  const view = await submissionView(deps, actor, submissionId);
  const rows = new Map((await q.annotationsOf(deps.db, view.id)).map((a) => [a.id, a]));
  const submissionUrl = `${baseUrl}/submissions/${view.id}`;
  const items = view.annotations.map((a) => {
    const row = rows.get(a.id)!;
    const round = view.rounds.find((r) => r.round === a.round);
    const named = a.author === row.author.name;
    return toWebAnnotation(
      { id: a.id, kind: a.kind, body: a.body, suggestion: a.suggestion, selectors: row.selectors, createdAt: row.createdAt, updatedAt: row.updatedAt },
      {
        submissionUrl,
        versionUrl: `${baseUrl}/manuscripts/${view.manuscript.id}/versions/${round?.versionNumber ?? 1}`,
        ...(named ? { creator: { id: `${baseUrl}/people/${row.authorId}`, type: "Person" as const, name: row.author.name } } : { blind: true, anonymousLabel: a.author }),
      },
    );
  });
  const id = `${submissionUrl}/annotations`;
  return {
    "@context": ANNO_CONTEXT,
    id,
    type: "AnnotationPage" as const,
    partOf: { id, total: items.length },
    startIndex: 0,
    items,
  };
}
