import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditEvents } from "../../../db/schema";
import type { Tx } from "../identity/queries.server";

export interface AuditInput {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

export async function recordAudit(db: Db | Tx, event: AuditInput) {
  await db.insert(auditEvents).values({ ...event, data: event.data ?? {} });
}

export function listAudit(db: Db, subjectType: string, subjectId: string, limit = 100) {
  return db.query.auditEvents.findMany({
    where: and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, subjectId)),
    orderBy: [desc(auditEvents.createdAt)],
    limit,
  });
}
