import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

/** Security headers on every response; scripts run only with this response's nonce. */
export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      // TipTap, KaTeX and the collaboration carets set inline style attributes.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self' ws: wss:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  res.removeHeader("X-Powered-By");
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated requests: a state-changing request must come from our own origin.
 * Browsers send Origin on every POST; a request with neither Origin nor Sec-Fetch-Site is a non-browser client,
 * which is let through only when it carries no session cookie (token-authenticated APIs such as MME).
 */
export function sameOriginGuard(publicOrigin: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const hasSessionCookie = /(?:^|;\s*)mednexus_session=/.test(req.get("cookie") ?? "");
    const ownOrigins = new Set([`${req.protocol}://${req.get("host")}`]);
    if (publicOrigin) ownOrigins.add(publicOrigin);
    if (origin) {
      if (ownOrigins.has(origin)) return next();
      return refuse(res, "Cross-site request refused: this form must be sent from MedNexus itself.");
    }
    if (fetchSite) {
      if (fetchSite === "same-origin" || fetchSite === "none") return next();
      return refuse(res, "Cross-site request refused: this form must be sent from MedNexus itself.");
    }
    if (!hasSessionCookie) return next();
    return refuse(res, "Request refused: a signed-in request must say where it comes from (Origin header).");
  };
}

function refuse(res: Response, message: string) {
  res.status(403).type("text/plain").send(message);
}
