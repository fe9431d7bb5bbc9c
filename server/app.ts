import http from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { DatabaseHandle } from "../db/client";
import { setDatabase } from "../app/utils/db.server";
import type { Env } from "../app/utils/env.server";
import { sameOriginGuard, securityHeaders } from "./security";

export interface AppServerOptions {
  env: Env;
  database: DatabaseHandle;
  build: ServerBuild;
}

export interface AppServer {
  app: express.Express;
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** The Express server that hosts the Remix app (and, in embedded mode, the collab-server on the same port). */
export function createAppServer({ env, database, build }: AppServerOptions): AppServer {
  setDatabase(database);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.PUBLIC_URL ? 1 : false);
  app.use(compression());
  app.use(securityHeaders);

  const publicDir = path.join(process.cwd(), "public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, database: database.kind });
  });

  app.use(sameOriginGuard(env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce ?? "") }),
    }),
  );

  const httpServer = http.createServer(app);
  return {
    app,
    httpServer,
    listen(port, host = env.HOST) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          const actualPort = typeof address === "object" && address ? address.port : port;
          resolve(`http://localhost:${actualPort}`);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      });
    },
  };
}
