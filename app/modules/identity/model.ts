import { z } from "zod";
import { ROLES, type Role } from "../../../db/schema/enums";

export { ROLES, type Role };

/** Roles a person may take on by themselves; the others are granted by an admin. */
export const SELF_SERVICE_ROLES = ["author", "reviewer", "reader", "clinician", "patient"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  author: "Author",
  reviewer: "Reviewer",
  editor: "Editor",
  reader: "Reader",
  clinician: "Clinician",
  patient: "Patient",
  institution_admin: "Institution admin",
  platform_admin: "Platform admin",
};

/**
 * ORCID iD: four groups of four characters, the last one a digit or X, checked with ISO 7064 MOD 11-2.
 * Accepts the bare iD or the https://orcid.org/ URI form and returns the bare iD.
 */
export function normaliseOrcid(input: string): string | null {
  const trimmed = input.trim().replace(/^https?:\/\/orcid\.org\//i, "");
  if (!/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/i.test(trimmed)) return null;
  const id = trimmed.toUpperCase();
  const digits = id.replace(/-/g, "");
  let total = 0;
  for (const ch of digits.slice(0, 15)) total = (total + Number(ch)) * 2;
  const remainder = total % 11;
  const result = (12 - remainder) % 11;
  const check = result === 10 ? "X" : String(result);
  return check === digits[15] ? id : null;
}

const email = z
  .string({ required_error: "Enter your e-mail address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your e-mail address")
  .max(254, "That e-mail address is too long")
  .email("Enter an e-mail address like name@example.org");

const password = z
  .string({ required_error: "Choose a password" })
  .min(12, "Use at least 12 characters")
  .max(200, "Use at most 200 characters");

const orcid = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const normalised = normaliseOrcid(value);
    if (!normalised) {
      ctx.addIssue({ code: "custom", message: "Enter an ORCID iD like 0000-0002-1825-0097 (its last character is a checksum)" });
      return z.NEVER;
    }
    return normalised;
  });

const name = z.string({ required_error: "Enter your name" }).trim().min(2, "Enter your full name").max(120, "Use at most 120 characters");

export const signUpSchema = z.object({
  name,
  email,
  password,
  roles: z
    .array(z.enum(SELF_SERVICE_ROLES), { invalid_type_error: "Choose what you will do on MedNexus" })
    .min(1, "Choose at least one thing you will do on MedNexus"),
  orcid,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: "Enter your password" }).min(1, "Enter your password").max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const profileSchema = z.object({
  name,
  orcid,
  bio: z.string().trim().max(2000, "Use at most 2,000 characters").default(""),
  roles: z.array(z.enum(SELF_SERVICE_ROLES)).min(1, "Keep at least one role"),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const institutionSchema = z.object({
  name: z.string().trim().min(3, "Enter the institution's name").max(200),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use the two-letter ISO 3166 country code, e.g. IS or IN"),
  ror: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || /^(https:\/\/ror\.org\/)?0[a-z0-9]{6}\d{2}$/.test(value), "Enter a ROR id like https://ror.org/02mhbdp94"),
});
export type InstitutionInput = z.infer<typeof institutionSchema>;

/** A signed-in person as the rest of the app sees them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  orcid: string | null;
  roles: Role[];
  /** Institutions where this person's membership is verified. */
  verifiedInstitutionIds: string[];
  /** Institutions this person administers. */
  adminInstitutionIds: string[];
}

/** Turns zod issues into one message per form field (the first one wins). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}
