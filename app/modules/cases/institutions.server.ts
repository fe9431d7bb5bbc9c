import type { Db } from "../../../db/client";
import * as q from "./queries.server";

/** Institutions a consent can be scoped to. */
export function allInstitutionsForConsent(db: Db) {
  return q.allInstitutions(db);
}
