// A case linked to the manuscript or published article that reports it: only its contributing clinician links, only a
// manuscript they author or a published article, shown on the case page, and logged in the hash-chained access log.
import { and, eq } from "drizzle-orm";
import { caseAccessLog, casePublications, manuscripts, users } from "../../db/schema";
import { casePublicationsOf, createCase, linkCasePublication } from "../../app/modules/cases/index.server";
import { verifyAccessLog } from "../../app/modules/consent/index.server";
import type { SessionUser } from "../../app/modules/identity/index.server";
import { DomainError } from "../../app/utils/errors";
import { availableDatabaseKinds } from "../helpers/db";
import { signInCookie, startTestApp, type RunningApp } from "../helpers/app-server";
import { sessionUser } from "../helpers/users";

const kinds = await availableDatabaseKinds();

describe.each(kinds)("case publications on %s", (kind) => {
  let app: RunningApp;
  let clinician: SessionUser;
  let other: SessionUser;
  let cookie = "";
  let caseId = "";
  let own = "";
  let othersDraft = "";
  let othersPublished = "";

  beforeAll(async () => {
    app = await startTestApp(kind);
    const db = app.database.db;
    clinician = await sessionUser(db, "clinician@demo.mednexus.org");
    other = await sessionUser(db, "coauthor@demo.mednexus.org");
    cookie = await signInCookie(app, "clinician@demo.mednexus.org");
    caseId = (await createCase({ db }, clinician, { draft: { label: "Publication case", summary: "", features: [{ id: "HP:0001250", observed: true }], genomicFeatures: [], disorders: [] }, resolutions: {} })).caseId;
    const insert = async (title: string, createdBy: string, status: "draft" | "published") =>
      (await db.insert(manuscripts).values({ title, articleType: "case-report", createdBy, status }).returning())[0]!.id;
    own = await insert("Our STXBP1 case report", clinician.id, "draft");
    othersDraft = await insert("Someone else's private draft", other.id, "draft");
    othersPublished = await insert("A published cohort of STXBP1 cases", other.id, "published");
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (fields: Record<string, string>) =>
    fetch(`${app.url}/cases/${caseId}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: cookie },
      body: new URLSearchParams(fields),
    });

  it("links a manuscript the clinician authors (by id or link) and a published article, shown on the case page and logged", async () => {
    const db = app.database.db;
    const first = await post({ intent: "link-publication", manuscriptId: own });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Linked to “Our STXBP1 case report”.");
    const second = await post({ intent: "link-publication", manuscriptId: `${app.url}/articles/x?m=${othersPublished}` });
    expect(second.status).toBe(200);

    const page = await (await fetch(`${app.url}/cases/${caseId}`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain('data-testid="case-publications"');
    expect(page).toContain(`href="/manuscripts/${own}"`);
    expect(page).toContain("A published cohort of STXBP1 cases");
    expect((await casePublicationsOf({ db }, caseId)).map((p) => p.manuscriptId)).toEqual([own, othersPublished]);

    const log = await db.select().from(caseAccessLog).where(and(eq(caseAccessLog.caseId, caseId), eq(caseAccessLog.action, "case.publication.linked")));
    expect(log.map((e) => e.data.manuscriptId)).toEqual([own, othersPublished]);
    expect(log[0]!.actor).toBe(`user:${clinician.id}`);
    expect((await verifyAccessLog(db)).problems).toEqual([]);
  });

  it("refuses someone else's draft, an unknown id, a repeat, and anyone but the case's clinician, writing nothing", async () => {
    const db = app.database.db;
    const count = async () => (await db.select().from(casePublications).where(eq(casePublications.caseId, caseId))).length;
    const before = await count();
    const draft = await post({ intent: "link-publication", manuscriptId: othersDraft });
    expect(draft.status).toBe(400);
    const html = await draft.text();
    expect(html).toContain("No manuscript you author, or published article, has this id.");
    expect(html).not.toContain("Someone else&#x27;s private draft");
    expect((await post({ intent: "link-publication", manuscriptId: "not-an-id" })).status).toBe(400);
    expect((await post({ intent: "link-publication", manuscriptId: own })).status).toBe(409);
    await expect(linkCasePublication({ db }, other, caseId, othersPublished)).rejects.toBeInstanceOf(DomainError);
    expect(await count()).toBe(before);
  });
});
