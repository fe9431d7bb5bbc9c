import { data } from "@remix-run/node";
import { isDomainError } from "./errors";

export interface FormFailure {
  formError: string;
  fieldErrors: Record<string, string>;
}

/** Turns a DomainError into the action data a form shows (status kept); anything else is a real crash. */
export function formFailure(error: unknown) {
  if (!isDomainError(error)) throw error;
  return data<FormFailure>({ formError: error.message, fieldErrors: error.fieldErrors }, { status: error.status });
}

/** For loaders: a DomainError becomes the matching HTTP error response, caught by the route's ErrorBoundary. */
export function rethrowAsResponse(error: unknown): never {
  if (isDomainError(error)) throw new Response(error.message, { status: error.status });
  throw error;
}

/** Form data as a plain object: repeated fields become arrays. */
export function formObject(form: FormData, arrays: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrays.includes(key) ? values : (values[0] ?? "");
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}
