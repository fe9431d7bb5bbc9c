import { CloseCode, CollabError } from "../errors";
import { describe, type CollabHub, type Connection } from "../hub";
import { verifyCollabToken } from "../token";
import type { Extension } from "../types";

export interface AuthenticateOptions {
  tokenSecret: string;
  /** Whether the user may still open the document (e.g. is still a co-author or assigned reviewer). */
  checkAccess?: (userId: string, documentName: string) => Promise<boolean> | boolean;
  /** How often open connections are re-checked with `checkAccess`. Default 60 s; 0 turns it off. */
  recheckIntervalMs?: number;
}

export interface AuthenticateExtension extends Extension {
  /** Re-runs `checkAccess` now for matching connections and closes (4403) those that lost access. */
  recheckAccess(filter?: { documentName?: string; userId?: string }): Promise<number>;
}

/**
 * Verifies the collab token at the HTTP upgrade, before any document is loaded: a bad or expired
 * token closes with 4401, a token for another document or a denied `checkAccess` with 4403.
 * A read-only token makes a read-only connection.
 */
export function authenticate(options: AuthenticateOptions): AuthenticateExtension {
  let hub: CollabHub | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function stillAllowed(connection: Connection): Promise<boolean> {
    if (!options.checkAccess || !connection.userId) return true;
    try {
      return await options.checkAccess(connection.userId, connection.documentName);
    } catch (error) {
      // Keep the connection: a failing permission store must not disconnect every author.
      hub?.logger.warn("access re-check failed", { documentName: connection.documentName, error: describe(error) });
      return true;
    }
  }

  const extension: AuthenticateExtension = {
    name: "authenticate",
    priority: 1000,
    onConfigure(configured) {
      hub = configured;
      const interval = options.recheckIntervalMs ?? 60_000;
      if (options.checkAccess && interval > 0) {
        timer = setInterval(() => void extension.recheckAccess(), interval);
        timer.unref();
      }
    },
    async onAuthenticate({ token, documentName, connectionConfig }) {
      if (!token) throw new CollabError(CloseCode.unauthorized, "missing token: pass params.token");
      const claims = verifyCollabToken(token, options.tokenSecret);
      if (claims.documentName !== documentName) {
        throw new CollabError(CloseCode.forbidden, "this token is for another document");
      }
      if (options.checkAccess && !(await options.checkAccess(claims.userId, documentName))) {
        throw new CollabError(CloseCode.forbidden, "no access to this document");
      }
      connectionConfig.readOnly = claims.access === "read-only";
      return { userId: claims.userId, userName: claims.userName, access: claims.access };
    },
    async recheckAccess(filter = {}) {
      if (!hub || !options.checkAccess) return 0;
      let closed = 0;
      for (const connection of hub.connections(filter)) {
        if (!(await stillAllowed(connection))) {
          connection.close(CloseCode.forbidden, "access to this document was revoked");
          closed++;
        }
      }
      return closed;
    },
    onDestroy() {
      clearInterval(timer);
    },
  };
  return extension;
}
