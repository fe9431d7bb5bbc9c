import { and, eq, inArray, isNull, lte } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { manuscripts, notifications, reviewAssignments, submissions, users } from "../../../db/schema";
import type { Mailer } from "../../adapters/mail/index.server";
import { notify } from "./queries.server";

export const REMINDER_WINDOW_MS = 3 * 24 * 3600 * 1000;

/** Reminds each reviewer once, when an open assignment is due within three days (or overdue). */
export async function sendDueReminders(deps: { db: Db; now?: () => Date }) {
  const now = (deps.now ?? (() => new Date()))();
  const due = await deps.db
    .select({ id: reviewAssignments.id, reviewerId: reviewAssignments.reviewerId, dueAt: reviewAssignments.dueAt, title: manuscripts.title })
    .from(reviewAssignments)
    .innerJoin(submissions, eq(submissions.id, reviewAssignments.submissionId))
    .innerJoin(manuscripts, eq(manuscripts.id, submissions.manuscriptId))
    .where(
      and(
        inArray(reviewAssignments.status, ["invited", "accepted"]),
        isNull(reviewAssignments.remindedAt),
        lte(reviewAssignments.dueAt, new Date(now.getTime() + REMINDER_WINDOW_MS)),
        inArray(submissions.status, ["submitted", "under_review"]),
      ),
    );
  for (const assignment of due) {
    await deps.db.transaction(async (tx) => {
      const overdue = assignment.dueAt.getTime() < now.getTime();
      await notify(tx, [assignment.reviewerId], `Reminder: your review of “${assignment.title}” is ${overdue ? "overdue" : `due on ${assignment.dueAt.toISOString().slice(0, 10)}`}`, `/reviews/${assignment.id}`);
      await tx.update(reviewAssignments).set({ remindedAt: now }).where(eq(reviewAssignments.id, assignment.id));
    });
  }
  return due.length;
}

/** Hands every notification not yet e-mailed to the mail adapter (the notifications table is the outbox). */
export async function deliverNotifications(deps: { db: Db; mailer: Mailer; baseUrl: string; now?: () => Date }) {
  const pending = await deps.db
    .select({ id: notifications.id, message: notifications.message, link: notifications.link, email: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(isNull(notifications.emailedAt))
    .limit(100);
  for (const item of pending) {
    await deps.mailer.send({ to: item.email, subject: item.message, text: `${item.message}\n\n${deps.baseUrl}${item.link}\n` });
    await deps.db.update(notifications).set({ emailedAt: (deps.now ?? (() => new Date()))() }).where(eq(notifications.id, item.id));
  }
  return pending.length;
}
