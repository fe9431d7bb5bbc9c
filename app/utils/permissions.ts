import type { Role } from "../../db/schema/enums";

/** What a person may do. One list, shared by the server guard (requirePermission) and the UI predicate (can). */
export const PERMISSIONS = [
  "profile:edit:own",
  "institution:join",
  "manuscript:create",
  "manuscript:read:own",
  "manuscript:read:any",
  "review:submission:assigned",
  "review:queue:manage",
  "article:license",
  "case:create",
  "case:search",
  "consent:manage:own",
  "trial:manage",
  "institution:members:verify",
  "institution:create",
  "admin:roles:grant",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ["profile:edit:own", "institution:join", "article:license"];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  author: ["manuscript:create", "manuscript:read:own"],
  reviewer: ["review:submission:assigned"],
  editor: ["manuscript:read:any", "review:queue:manage"],
  reader: [],
  clinician: ["case:create", "case:search", "trial:manage"],
  patient: ["consent:manage:own"],
  institution_admin: ["institution:members:verify"],
  platform_admin: ["institution:create", "admin:roles:grant", "institution:members:verify"],
};

export interface HasRoles {
  roles: readonly Role[];
}

export function permissionsOf(user: HasRoles | null | undefined): Set<Permission> {
  const granted = new Set<Permission>();
  if (!user) return granted;
  for (const p of EVERYONE) granted.add(p);
  for (const role of user.roles) for (const p of ROLE_PERMISSIONS[role] ?? []) granted.add(p);
  return granted;
}

/** The UI predicate: show a control only to those the server guard would let through. */
export function can(user: HasRoles | null | undefined, permission: Permission): boolean {
  return permissionsOf(user).has(permission);
}
