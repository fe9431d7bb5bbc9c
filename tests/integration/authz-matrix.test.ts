// Every route × every role (and anonymous) gets the expected status. Each later feature adds its routes here.
import { eq } from "drizzle-orm";
import { institutions, manuscripts } from "../../db/schema";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { createVersion } from "../../app/modules/manuscripts/index.server";
import { availableDatabaseKinds } from "../helpers/db";
import { signInCookie, startTestApp, type RunningApp } from "../helpers/app-server";

type Who = "anonymous" | (typeof DEMO_ACCOUNTS)[number]["key"];
const EVERYONE: Who[] = ["anonymous", ...DEMO_ACCOUNTS.map((a) => a.key)];
const SIGNED_IN = EVERYONE.filter((w) => w !== "anonymous");
const AUTHORS: Who[] = ["author", "coauthor", "reviewer"]; // the demo reviewer also writes

interface RouteCase {
  path: string;
  /** Expected status per person; anyone not listed gets `otherwise`. */
  expect: Partial<Record<Who, number>>;
  otherwise: number;
}

function only(who: Who[], status: number, otherwise: number, anonymous = 302): Pick<RouteCase, "expect" | "otherwise"> {
  return { expect: { anonymous, ...Object.fromEntries(who.map((w) => [w, status])) }, otherwise };
}

async function routeTable(app: RunningApp): Promise<RouteCase[]> {
  const draft = await app.database.db.query.manuscripts.findFirst({ where: eq(manuscripts.title, "Recurrent hypoglycaemia in an adolescent with a novel HNF1A variant: a case report") });
  const submitted = await app.database.db.query.manuscripts.findFirst({ where: eq(manuscripts.status, "submitted") });
  const institution = await app.database.db.query.institutions.findFirst({ where: eq(institutions.country, "IS") });
  const submission = await app.database.db.query.submissions.findFirst();
  const signedInOnly = { expect: { anonymous: 302 }, otherwise: 200 };
  const versions = await app.database.db.query.manuscriptVersions.findMany({ where: (v, { eq: equals }) => equals(v.manuscriptId, draft!.id) });
  if (versions.length === 0) {
    const author = await app.database.db.query.users.findFirst({ where: (u, { eq: equals }) => equals(u.email, "author@demo.mednexus.org") });
    await createVersion({ db: app.database.db }, { id: author!.id, email: author!.email, name: author!.name, orcid: null, roles: ["author"], verifiedInstitutionIds: [], adminInstitutionIds: [] }, draft!.id, { name: "Matrix version" });
  }
  const publicOnly = { expect: { anonymous: 200 }, otherwise: 302 };
  return [
    { path: "/", ...publicOnly },
    { path: "/signin", ...publicOnly },
    { path: "/signup", ...publicOnly },
    { path: "/healthz", expect: {}, otherwise: 200 },
    { path: "/no/such/page", expect: {}, otherwise: 404 },
    { path: "/dashboard", ...signedInOnly },
    { path: "/profile", ...signedInOnly },
    { path: "/institutions", ...signedInOnly },
    { path: `/institutions/${institution!.id}`, ...signedInOnly },
    { path: "/institutions/00000000-0000-0000-0000-000000000000", expect: { anonymous: 302 }, otherwise: 404 },
    { path: "/admin/users", ...only(["admin"], 200, 403) },
    { path: "/wallets", ...signedInOnly },
    { path: "/wallets/challenge", expect: { anonymous: 405 }, otherwise: 405 },
    { path: "/manuscripts", ...only([...AUTHORS, "editor"], 200, 403) },
    { path: "/manuscripts/new", ...only(AUTHORS, 200, 403) },
    { path: `/manuscripts/${draft!.id}`, ...only(["author", "coauthor"], 200, 404) },
    { path: `/manuscripts/${submitted!.id}`, ...only(["author", "editor"], 200, 404) },
    { path: "/manuscripts/not-a-uuid", expect: { anonymous: 302 }, otherwise: 404 },
    { path: `/manuscripts/${draft!.id}/versions/1`, ...only(["author", "coauthor"], 200, 404) },
    { path: `/manuscripts/${draft!.id}/versions/1/json`, ...only(["author", "coauthor"], 200, 404) },
    { path: `/manuscripts/${draft!.id}/versions/9`, ...only(["author", "coauthor"], 404, 404) },
    { path: `/manuscripts/${draft!.id}/compare?from=1&to=1`, ...only(["author", "coauthor"], 200, 404) },
    { path: `/manuscripts/${submitted!.id}/collab-token`, expect: { anonymous: 405 }, otherwise: 405 },
    { path: `/submissions/${submission!.id}`, ...only(["author", "editor"], 200, 404) },
    { path: `/submissions/${submission!.id}/annotations`, ...only(["author", "editor"], 200, 404) },
    { path: "/submissions/00000000-0000-0000-0000-000000000000", expect: { anonymous: 302 }, otherwise: 404 },
    { path: "/reviews/00000000-0000-0000-0000-000000000000", expect: { anonymous: 302 }, otherwise: 404 },
    { path: "/signout", expect: {}, otherwise: 405 },
  ];
}

const kinds = await availableDatabaseKinds();

describe.each(kinds)("route × role matrix on %s", (kind) => {
  let app: RunningApp;
  const cookies = new Map<Who, string>();

  beforeAll(async () => {
    app = await startTestApp(kind);
    for (const account of DEMO_ACCOUNTS) cookies.set(account.key, await signInCookie(app, account.email));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("gives every person the expected status on every page", async () => {
    const table = await routeTable(app);
    const mismatches: string[] = [];
    for (const route of table) {
      for (const who of EVERYONE) {
        const headers: Record<string, string> = {};
        const cookie = cookies.get(who);
        if (cookie) headers.Cookie = cookie;
        const response = await fetch(`${app.url}${route.path}`, { redirect: "manual", headers });
        await response.arrayBuffer();
        const expected = route.expect[who] ?? route.otherwise;
        if (response.status !== expected) mismatches.push(`${who} GET ${route.path}: expected ${expected}, got ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("issues collab tokens only to those who may open the text, with the right access", async () => {
    const draft = await app.database.db.query.manuscripts.findFirst({ where: eq(manuscripts.status, "draft") });
    const submitted = await app.database.db.query.manuscripts.findFirst({ where: eq(manuscripts.status, "submitted") });
    const ask = async (who: Who, id: string) => {
      const headers: Record<string, string> = { Origin: app.url };
      if (cookies.get(who)) headers.Cookie = cookies.get(who)!;
      const response = await fetch(`${app.url}/manuscripts/${id}/collab-token`, { method: "POST", redirect: "manual", headers });
      return { status: response.status, body: response.status === 200 ? ((await response.json()) as { access: string }) : null };
    };
    const draftAuthors = draft!.title.startsWith("Recurrent") ? ["author", "coauthor"] : ["coauthor", "author"];
    for (const who of EVERYONE) {
      const result = await ask(who, draft!.id);
      if (who === "anonymous") expect(result.status, who).toBe(302);
      else if (draftAuthors.includes(who)) expect(result.body?.access, who).toBe("read-write");
      else expect(result.status, who).toBe(404);
    }
    expect((await ask("editor", submitted!.id)).body?.access).toBe("read-only");
    expect((await ask("author", submitted!.id)).body?.access).toBe("read-write");
    expect((await ask("reviewer2", submitted!.id)).status).toBe(404);
  });

  it("sends anonymous visitors of private pages to sign-in and brings them back", async () => {
    const response = await fetch(`${app.url}/manuscripts/new`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/signin?redirectTo=%2Fmanuscripts%2Fnew");
  });

  it("refuses admin actions from everyone but the platform admin, changing nothing", async () => {
    const target = DEMO_ACCOUNTS.find((a) => a.key === "reader")!;
    const reader = await app.database.db.query.users.findFirst({ where: (u, { eq: equals }) => equals(u.email, target.email), with: { roles: true } });
    for (const who of SIGNED_IN.filter((w) => w !== "admin")) {
      const response = await fetch(`${app.url}/admin/users`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: cookies.get(who)!, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ userId: reader!.id, role: "editor", intent: "grant" }),
      });
      expect(response.status, who).toBe(403);
    }
    const after = await app.database.db.query.users.findFirst({ where: (u, { eq: equals }) => equals(u.id, reader!.id), with: { roles: true } });
    expect(after!.roles.map((r) => r.role)).toEqual(reader!.roles.map((r) => r.role));
  });

  it("refuses a cross-site form post even with a valid session cookie", async () => {
    const response = await fetch(`${app.url}/manuscripts/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookies.get("author")!, Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ title: "Planted by another site", articleType: "editorial" }),
    });
    expect(response.status).toBe(403);
    const noOrigin = await fetch(`${app.url}/manuscripts/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookies.get("author")!, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ title: "Planted without an origin", articleType: "editorial" }),
    });
    expect(noOrigin.status).toBe(403);
    const planted = await app.database.db.query.manuscripts.findMany({ where: (m, { like }) => like(m.title, "Planted%") });
    expect(planted).toEqual([]);
  });

  it("sets a secure, httpOnly, sameSite session cookie and security headers", async () => {
    const response = await fetch(`${app.url}/signin`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({ email: "editor@demo.mednexus.org", password: "mednexus-demo-2026" }),
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    const page = await fetch(`${app.url}/`);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await page.text();
    const nonce = /nonce-([A-Za-z0-9+/=]+)/.exec(csp)![1];
    // Every inline script carries this response's nonce.
    const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes] of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
