/** Every failure a use case can report, with the HTTP status and collab close code it maps to. */
export const ERROR_CODES = {
  VALIDATION: { status: 400, close: 4400 },
  UNAUTHENTICATED: { status: 401, close: 4401 },
  FORBIDDEN: { status: 403, close: 4403 },
  NOT_FOUND: { status: 404, close: 4404 },
  CONFLICT: { status: 409, close: 4409 },
  INVALID_TRANSITION: { status: 409, close: 4409 },
  RATE_LIMITED: { status: 429, close: 4429 },
  UNAVAILABLE: { status: 503, close: 1013 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field-level messages for forms: field name → message. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
