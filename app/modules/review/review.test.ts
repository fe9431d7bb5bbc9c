import { eq } from "drizzle-orm";
import { submissions as submissionsTable, venues } from "../../../db/schema";
import { DEMO_ACCOUNTS, seedDemoData } from "../../../db/seed";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../../../tests/helpers/db";
import { DomainError } from "../../utils/errors";
import { resolveSession, startSession } from "../identity/accounts.server";
import type { SessionUser } from "../identity/model";
import { answerInvitation, createManuscript, inviteCoAuthor } from "../manuscripts/index.server";
import { validateAnnotationPage } from "./anchoring/web-annotation-schema";
import { createLogMailer } from "../../adapters/mail/index.server";
import { deliverNotifications, sendDueReminders } from "./reminders.server";
import {
  addAnnotation,
  decide,
  exportAnnotations,
  inviteReviewer,
  replyToAnnotation,
  respondToInvitation,
  resubmit,
  submissionView,
  submitManuscript,
  submitReview,
  suggestReviewers,
  withdraw,
} from "./index.server";

const kinds = await availableDatabaseKinds();

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const REVIEW = { summary: "A careful small study with one weak analysis.", recommendation: "major", originality: "4", rigour: "3", clarity: "4", confidentialComments: "Secret to the editor" };

describe.each(kinds)("peer review on %s", (kind) => {
  let database: TestDatabase;
  const people = new Map<string, SessionUser>();
  const deps = () => ({ db: database.db });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, { password: "irrelevant-password-123" });
    for (const account of DEMO_ACCOUNTS) {
      const user = await database.db.query.users.findFirst({ where: (u, { eq: equals }) => equals(u.email, account.email) });
      const { token } = await startSession(deps(), user!.id);
      people.set(account.key, (await resolveSession(deps(), token))!);
    }
  });
  afterAll(async () => {
    await database.close();
  });

  async function venue(slug: string) {
    return (await database.db.query.venues.findFirst({ where: eq(venues.slug, slug) }))!;
  }

  /** A manuscript by the demo author (and co-author) with a stored draft, submitted to the venue. */
  async function submitted(slug: string, title: string) {
    const author = people.get("author")!;
    const manuscript = await createManuscript(deps(), author, { title, articleType: "case-report" });
    await inviteCoAuthor(deps(), author, manuscript.id, { email: "coauthor@demo.mednexus.org" });
    expect((await rejection(submitManuscript(deps(), author, manuscript.id, { venueId: (await venue(slug)).id }))).message).toMatch(/must accept or decline/);
    await answerInvitation(deps(), people.get("coauthor")!, manuscript.id, true);
    expect((await rejection(submitManuscript(deps(), author, manuscript.id, { venueId: (await venue(slug)).id }))).message).toMatch(/text is empty/);
    const { prosemirrorJSONToYXmlFragment } = await import("@tiptap/y-tiptap");
    const { getSchema } = await import("@tiptap/core");
    const { contentExtensions } = await import("../../components/editor/content-extensions");
    const Y = await import("yjs");
    const doc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(
      getSchema(contentExtensions()),
      { type: "doc", content: ["First paragraph about methods.", "Second paragraph that will be deleted in revision entirely."].map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) },
      doc.getXmlFragment("default"),
    );
    const { collabUpdates } = await import("../../../db/schema");
    await database.db.insert(collabUpdates).values({ documentName: `manuscript:${manuscript.id}`, update: Y.encodeStateAsUpdate(doc), userId: author.id });
    const submission = await submitManuscript(deps(), author, manuscript.id, { venueId: (await venue(slug)).id, coverLetter: "Dear editor" });
    return { manuscript, submission, doc, Y };
  }

  it("refuses invalid transitions with a clear error and changes nothing", async () => {
    const { submission } = await submitted("clinical-cases", "Transitions study");
    const editor = people.get("editor")!;
    expect((await rejection(decide(deps(), editor, submission.id, { decision: "accept", letter: "Accepted without any review at all." }))).code).toBe("INVALID_TRANSITION");
    expect((await rejection(decide(deps(), people.get("reader")!, submission.id, { decision: "reject", letter: "I am not the editor of this." }))).code).toBe("NOT_FOUND");
    const assignment = await inviteReviewer(deps(), editor, submission.id, { reviewerId: people.get("reviewer")!.id, dueInDays: "14" });
    await respondToInvitation(deps(), people.get("reviewer")!, assignment.id, true);
    await withdraw(deps(), people.get("author")!, submission.id);
    expect((await rejection(submitReview(deps(), people.get("reviewer")!, submission.id, REVIEW))).message).toMatch(/withdrew/);
    expect((await rejection(addAnnotation(deps(), people.get("reviewer")!, submission.id, { kind: "comment", body: "x", start: 0, end: 5 }))).code).toBe("INVALID_TRANSITION");
    const after = await database.db.query.submissions.findFirst({ where: eq(submissionsTable.id, submission.id) });
    expect(after!.status).toBe("withdrawn");

    const desk = await submitted("clinical-cases", "Desk rejection study");
    await decide(deps(), editor, desk.submission.id, { decision: "reject", letter: "Out of scope for this journal, sorry." });
    expect((await database.db.query.submissions.findFirst({ where: eq(submissionsTable.id, desk.submission.id) }))!.status).toBe("desk_rejected");
  });

  it("flags conflicts, blinds reviewers and authors, re-anchors on revision and exports valid W3C annotations", async () => {
    const { submission, doc, Y, manuscript } = await submitted("evidence-reviews", "Double-blind study");
    const editor = people.get("editor")!;
    const suggestions = await suggestReviewers(deps(), editor, submission.id);
    const mateo = suggestions.find((s) => s.name === "Dr Mateo Silva")!;
    expect(mateo.conflicts.map((c) => c.kind)).toEqual(["same-institution"]);
    expect(suggestions.find((s) => s.name === "Dr Asha Rao")!.conflicts.map((c) => c.kind)).toEqual(["manuscript-author"]);
    const flagged = await rejection(inviteReviewer(deps(), editor, submission.id, { reviewerId: mateo.userId }));
    expect(flagged.fieldErrors.overrideReason).toMatch(/Give a reason/);
    await inviteReviewer(deps(), editor, submission.id, { reviewerId: mateo.userId, overrideReason: "Different department." });
    const lenaAssignment = await inviteReviewer(deps(), editor, submission.id, { reviewerId: people.get("reviewer")!.id });
    const lena = people.get("reviewer")!;
    expect((await rejection(addAnnotation(deps(), lena, submission.id, { kind: "comment", body: "early", start: 0, end: 5 }))).message).toMatch(/Accept the invitation/);
    await respondToInvitation(deps(), lena, lenaAssignment.id, true);

    const reviewerView = await submissionView(deps(), lena, submission.id);
    expect(reviewerView.manuscript.authors).toBeNull();
    expect(reviewerView.rounds[0].coverLetter).toBe("");
    const text = reviewerView.blocks.map((b) => b.text).join("\n");
    const keep = text.indexOf("about methods");
    const doomed = text.indexOf("will be deleted");
    await addAnnotation(deps(), lena, submission.id, { kind: "question", body: "Which methods?", start: keep, end: keep + "about methods".length });
    await addAnnotation(deps(), lena, submission.id, { kind: "required-change", body: "Delete this.", start: doomed, end: doomed + "will be deleted in revision".length });
    expect((await rejection(addAnnotation(deps(), lena, submission.id, { kind: "comment", body: "x", start: 5, end: 99_999 }))).code).toBe("VALIDATION");
    await submitReview(deps(), lena, submission.id, REVIEW);
    await decide(deps(), editor, submission.id, { decision: "major", letter: "Please revise along the reviewers' lines." });

    const authorView = await submissionView(deps(), people.get("author")!, submission.id);
    expect(authorView.reviews[0].reviewer).toBe("Reviewer 2");
    expect(authorView.reviews[0].confidentialComments).toBeNull();
    expect(JSON.stringify(authorView)).not.toContain("Lena");
    const question = authorView.annotations.find((a) => a.body === "Which methods?")!;
    await replyToAnnotation(deps(), people.get("author")!, question.id, { body: "Now described." });

    // Revise the draft: delete the second paragraph, then resubmit.
    const before = Y.encodeStateVector(doc);
    const fragment = doc.getXmlFragment("default");
    fragment.delete(1, 1);
    const { collabUpdates } = await import("../../../db/schema");
    await database.db.insert(collabUpdates).values({ documentName: `manuscript:${manuscript.id}`, update: Y.encodeStateAsUpdate(doc, before), userId: people.get("author")!.id });
    const { outcome } = await resubmit(deps(), people.get("author")!, submission.id, { coverLetter: "Done." });
    // The kept quote's context changed (its neighbour is gone), so it is placed as "moved"; the deleted one is an orphan.
    expect(outcome).toEqual({ exact: 0, moved: 1, fuzzy: 0, orphan: 1 });
    const round2 = await submissionView(deps(), editor, submission.id);
    expect(round2.currentRound).toBe(2);
    expect(round2.annotations.find((a) => a.body === "Delete this.")!.anchor.status).toBe("orphan");
    expect(round2.annotations.find((a) => a.body === "Which methods?")!.replies[0]).toMatchObject({ body: "Now described.", isResponse: true });

    const page = await exportAnnotations(deps(), people.get("author")!, submission.id, "http://localhost:3000");
    expect(validateAnnotationPage(page)).toEqual({ valid: true });
    expect(page.items).toHaveLength(2);
    expect(JSON.stringify(page)).not.toContain("Lena");
    const broken = structuredClone(page) as unknown as { items: Array<Record<string, unknown>> };
    delete broken.items[0].target;
    expect(validateAnnotationPage(broken).valid).toBe(false);

    await decide(deps(), editor, submission.id, { decision: "accept", letter: "Accepted after a careful revision." });
    expect((await database.db.query.manuscripts.findFirst({ where: (m, { eq: equals }) => equals(m.id, manuscript.id) }))!.status).toBe("accepted");
  });

  it("reminds a reviewer once when the review falls due and e-mails every notification once", async () => {
    const { submission } = await submitted("clinical-cases", "Reminder study");
    const editor = people.get("editor")!;
    await inviteReviewer(deps(), editor, submission.id, { reviewerId: people.get("reviewer2")!.id, dueInDays: "10", overrideReason: "Testing reminders." });
    expect(await sendDueReminders({ db: database.db })).toBe(0);
    const eightDaysLater = () => new Date(Date.now() + 8 * 86_400_000);
    expect(await sendDueReminders({ db: database.db, now: eightDaysLater })).toBe(1);
    expect(await sendDueReminders({ db: database.db, now: eightDaysLater })).toBe(0);

    const lines: string[] = [];
    const mailer = createLogMailer((line) => lines.push(line));
    await deliverNotifications({ db: database.db, mailer, baseUrl: "http://localhost:3000" });
    const toMateo = mailer.sent.filter((m) => m.to === "reviewer2@demo.mednexus.org");
    expect(toMateo.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/^You are invited to review “Reminder study”/), expect.stringMatching(/^Reminder: your review of “Reminder study” is due on/)]));
    expect(toMateo[0].text).toMatch(/http:\/\/localhost:3000\/reviews\//);
    expect(await deliverNotifications({ db: database.db, mailer, baseUrl: "http://localhost:3000" })).toBe(0);
  });
});
