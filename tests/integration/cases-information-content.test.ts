// Information content blended with the case library: every active case's observed terms count towards IC, so a
// phenotype that many cases share weighs less in matching; the index takes a fresh IC snapshot at a threshold.
import { and } from "drizzle-orm";
import { userRoles, users } from "../../db/schema";
import { DEFAULT_DEMO_PASSWORD, seedDemoData } from "../../db/seed";
import { caseHpo, caseLibrary, createCase, recordCaseConsent, searchCases, withdrawCase } from "../../app/modules/cases/index.server";
import { ICREBUILD_MIN_CHANGES } from "../../app/modules/cases/library.server";
import type { SessionUser } from "../../app/modules/identity/index.server";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../helpers/db";
import { sessionUser } from "../helpers/users";

const TERM = "HP:0002373"; // Febrile seizures
const draft = (label: string) => ({ label, summary: "", features: [{ id: TERM, observed: true }], genomicFeatures: [], disorders: [] });
const QUERY = { features: [{ id: TERM, observed: true }], genes: [] as string[], purpose: "HMB" };

const kinds = await availableDatabaseKinds();

describe.each(kinds)("case-library information content on %s", (kind) => {
  let database: TestDatabase;
  let clinician: SessionUser;
  let searcher: SessionUser;
  let probeCase = "";

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, { password: DEFAULT_DEMO_PASSWORD });
    clinician = await sessionUser(database.db, "clinician@demo.mednexus.org");
    const coauthor = await sessionUser(database.db, "coauthor@demo.mednexus.org");
    await database.db.insert(userRoles).values({ userId: coauthor.id, role: "clinician" });
    searcher = await sessionUser(database.db, "coauthor@demo.mednexus.org");
  });
  afterAll(async () => {
    await database?.close();
  });

  const deps = () => ({ db: database.db });
  /** The IC of the matched term, as the search's explanation reports it (what the score was computed with). */
  async function scoredIc(): Promise<number> {
    const { results } = await searchCases(deps(), searcher, QUERY);
    const hit = results.find((r) => r.caseId === probeCase);
    expect(hit).toBeDefined();
    expect(hit!.matchedTerms[0]).toMatchObject({ query: "Febrile seizures", match: "Febrile seizures", via: "Febrile seizures" });
    return hit!.matchedTerms[0].ic;
  }

  it("lowers a term's IC as used in scoring once many cases carry it, and raises it again when they are withdrawn", async () => {
    const hpo = caseHpo();
    const sharedBefore = hpo.ic.of(TERM);
    ({ caseId: probeCase } = await createCase(deps(), clinician, { draft: draft("IC probe"), resolutions: {} }));
    await recordCaseConsent(deps(), clinician, probeCase, { permission: "HMB", patientConfirmed: "on" });
    const library = await caseLibrary(database.db);
    const before = await scoredIc();
    expect(before).toBeCloseTo(library.ic.of(TERM), 2);

    // below the threshold the counts move at once, the index keeps its snapshot
    const added: string[] = [];
    for (let i = 0; i < ICREBUILD_MIN_CHANGES - 1; i++) added.push((await createCase(deps(), clinician, { draft: draft(`Febrile ${i}`), resolutions: {} })).caseId);
    expect(library.pendingIcChanges).toBe(ICREBUILD_MIN_CHANGES - 1);
    expect(library.ic.of(TERM)).toBeLessThan(before - 0.1);
    expect(await scoredIc()).toBe(before);

    // the change that reaches the threshold gives the index a fresh snapshot
    added.push((await createCase(deps(), clinician, { draft: draft("Febrile last"), resolutions: {} })).caseId);
    expect(library.pendingIcChanges).toBe(0);
    const after = await scoredIc();
    expect(after).toBeLessThan(before - 0.1);
    expect(after).toBeCloseTo(library.ic.of(TERM), 2);
    // the HPO bundle's IC, shared with other modules, is left alone
    expect(hpo.ic.of(TERM)).toBe(sharedBefore);

    for (const id of added) await withdrawCase(deps(), clinician, id);
    const withdrawn = await scoredIc();
    expect(withdrawn).toBeCloseTo(before, 2);
    expect((await caseLibrary(database.db)).index.size).toBe(1);
  });
});
