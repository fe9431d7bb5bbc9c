import { createCookie, redirect } from "@remix-run/node";
import { endSession, resolveSession, SESSION_TTL_MS, type SessionUser } from "../modules/identity/index.server";
import { db } from "./db.server";
import { getServerEnv } from "./env.server";
import { can, type Permission } from "./permissions";

function sessionCookie() {
  const env = getServerEnv();
  return createCookie("mednexus_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.COOKIE_SECURE,
    path: "/",
    secrets: [env.SESSION_SECRET!],
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

async function sessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

const USER_CACHE = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in person, or null. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = USER_CACHE.get(request);
  if (!pending) {
    pending = sessionToken(request).then((token) => (token ? resolveSession({ db: db() }, token) : null));
    USER_CACHE.set(request, pending);
  }
  return pending;
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/signin?redirectTo=${encodeURIComponent(redirectTo)}`);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw signInRedirect(request);
  return user;
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) {
    throw new Response(`You do not have permission to do this (${permission}).`, { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export async function commitSessionHeaders(token: string): Promise<HeadersInit> {
  return { "Set-Cookie": await sessionCookie().serialize(token) };
}

export async function destroySession(request: Request): Promise<HeadersInit> {
  const token = await sessionToken(request);
  if (token) await endSession({ db: db() }, token);
  return { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) };
}

/** Only same-site relative paths are followed after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (!to || typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
