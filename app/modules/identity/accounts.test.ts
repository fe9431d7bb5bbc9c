import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../../../tests/helpers/db";
import { DomainError } from "../../utils/errors";
import { decideMembership, createInstitution, requestMembership } from "./institutions.server";
import { resolveSession, signIn, signUp, SIGN_IN_LIMITS, setAdminRole, updateOwnProfile } from "./accounts.server";

const kinds = await availableDatabaseKinds();

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe.each(kinds)("accounts on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it("signs up, resolves the session, and refuses a second account with the same e-mail", async () => {
    const deps = { db: database.db };
    const { user, token } = await signUp(deps, { name: "Dr Ada", email: "ada@example.org", password: "correct horse battery", roles: ["author", "reviewer"], orcid: "0000-0002-1825-0097" });
    expect(user.roles.sort()).toEqual(["author", "reviewer"]);
    expect((await resolveSession(deps, token))?.email).toBe("ada@example.org");
    expect(await resolveSession(deps, "forged-token")).toBeNull();
    const duplicate = await rejection(signUp(deps, { name: "Other", email: "ADA@example.org", password: "another long password", roles: ["reader"] }));
    expect(duplicate.code).toBe("CONFLICT");
    expect(duplicate.fieldErrors.email).toMatch(/already exists/);
  });

  it("writes nothing when sign-up input is invalid", async () => {
    const deps = { db: database.db };
    const error = await rejection(signUp(deps, { name: "B", email: "bad", password: "short", roles: [], orcid: "1234" }));
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["email", "name", "orcid", "password", "roles"]);
    const all = await database.db.query.users.findMany();
    expect(all.map((u) => u.email)).not.toContain("bad");
  });

  it("gives the same answer for an unknown e-mail and a wrong password, and rate-limits repeated failures", async () => {
    const deps = { db: database.db };
    await signUp(deps, { name: "Dr Bea", email: "bea@example.org", password: "bea's long password", roles: ["reader"] });
    const unknown = await rejection(signIn(deps, { email: "nobody@example.org", password: "whatever it is" }, "10.0.0.1"));
    const wrong = await rejection(signIn(deps, { email: "bea@example.org", password: "not the password" }, "10.0.0.1"));
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.code).toBe("UNAUTHENTICATED");

    for (let i = 1; i < SIGN_IN_LIMITS.perEmail; i++) await rejection(signIn(deps, { email: "bea@example.org", password: "still wrong" }, "10.0.0.2"));
    const limited = await rejection(signIn(deps, { email: "bea@example.org", password: "bea's long password" }, "10.0.0.3"));
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.message).toMatch(/Try again in \d+ minutes?/);

    const later = () => new Date(Date.now() + SIGN_IN_LIMITS.windowMs + 1000);
    const ok = await signIn({ db: database.db, now: later }, { email: "bea@example.org", password: "bea's long password" }, "10.0.0.3");
    expect(ok.user.email).toBe("bea@example.org");
  });

  it("keeps admin-granted roles when a person edits their own roles, and only admins grant them", async () => {
    const deps = { db: database.db };
    const admin = (await signUp(deps, { name: "Root Admin", email: "root@example.org", password: "root admin password", roles: ["reader"] })).user;
    await database.db.insert((await import("../../../db/schema")).userRoles).values({ userId: admin.id, role: "platform_admin" });
    const adminUser = (await resolveSession(deps, (await signIn(deps, { email: "root@example.org", password: "root admin password" }, "x")).token))!;
    const { user: cy } = await signUp(deps, { name: "Dr Cy", email: "cy@example.org", password: "cy's long password", roles: ["author"] });

    const notAllowed = await rejection(setAdminRole(deps, adminUser, { userId: cy.id, role: "patient", grant: true }));
    expect(notAllowed.code).toBe("VALIDATION");
    await setAdminRole(deps, adminUser, { userId: cy.id, role: "editor", grant: true });
    const cyNow = (await resolveSession(deps, (await signIn(deps, { email: "cy@example.org", password: "cy's long password" }, "y")).token))!;
    expect(cyNow.roles.sort()).toEqual(["author", "editor"]);

    await updateOwnProfile(deps, cyNow, { name: "Dr Cy Updated", orcid: "", bio: "", roles: ["reviewer"] });
    const after = (await resolveSession(deps, (await signIn(deps, { email: "cy@example.org", password: "cy's long password" }, "y")).token))!;
    expect(after.roles.sort()).toEqual(["editor", "reviewer"]);
    expect(after.name).toBe("Dr Cy Updated");

    const selfDemotion = await rejection(setAdminRole(deps, adminUser, { userId: adminUser.id, role: "platform_admin", grant: false }));
    expect(selfDemotion.code).toBe("INVALID_TRANSITION");
  });

  it("lets an institution admin verify members, and nobody else", async () => {
    const deps = { db: database.db };
    const { user: boss } = await signUp(deps, { name: "Inst Boss", email: "boss@example.org", password: "boss long password", roles: ["reader"] });
    const { user: member } = await signUp(deps, { name: "New Member", email: "member@example.org", password: "member long password", roles: ["reader"] });
    const platformAdmin = { ...boss, roles: [...boss.roles, "platform_admin" as const] };
    const institution = await createInstitution(deps, platformAdmin, { name: "Test Hospital", country: "is" }, boss.id);
    expect(institution.country).toBe("IS");
    const bossNow = (await resolveSession(deps, (await signIn(deps, { email: "boss@example.org", password: "boss long password" }, "z")).token))!;
    expect(bossNow.roles).toContain("institution_admin");

    await requestMembership(deps, member, institution.id);
    expect((await rejection(requestMembership(deps, member, institution.id))).code).toBe("CONFLICT");
    const stranger = (await rejection(decideMembership(deps, member, { institutionId: institution.id, userId: member.id, decision: "verify" }))).code;
    expect(stranger).toBe("FORBIDDEN");
    expect((await rejection(decideMembership(deps, bossNow, { institutionId: institution.id, userId: member.id, decision: "make-admin" }))).code).toBe("INVALID_TRANSITION");
    await decideMembership(deps, bossNow, { institutionId: institution.id, userId: member.id, decision: "verify" });
    const memberNow = (await resolveSession(deps, (await signIn(deps, { email: "member@example.org", password: "member long password" }, "w")).token))!;
    expect(memberNow.verifiedInstitutionIds).toEqual([institution.id]);
    expect((await rejection(createInstitution(deps, platformAdmin, { name: "Test Hospital", country: "IS" }))).fieldErrors.name).toMatch(/exists/);
  });
});
