import type http from "node:http";
import type { DatabaseHandle } from "../db/client";
import { createConsoleLogger, createMedNexusCollab, silentLogger, type MedNexusCollab } from "../collab-server/src/index";
import { stillHasAccess } from "../app/modules/manuscripts/collab.server";
import { setCollabControl } from "../app/utils/collab-control.server";
import type { Env } from "../app/utils/env.server";

/** Embedded mode: the collab-server shares the app's HTTP server and database, under /collab. */
export function attachCollab(options: { env: Env; database: DatabaseHandle; httpServer: http.Server; quiet?: boolean }): MedNexusCollab {
  const { env, database } = options;
  const collab = createMedNexusCollab({
    db: database.db,
    tokenSecret: env.COLLAB_TOKEN_SECRET!,
    redisUrl: env.REDIS_URL,
    checkAccess: (userId, documentName) => stillHasAccess({ db: database.db }, userId, documentName),
    logger: options.quiet ? silentLogger : createConsoleLogger(env.LOG_LEVEL),
  });
  collab.attach(options.httpServer, { path: "/collab" });
  setCollabControl({
    async recheck(documentName, userId) {
      await collab.auth.recheckAccess({ documentName, userId });
    },
  });
  return collab;
}
