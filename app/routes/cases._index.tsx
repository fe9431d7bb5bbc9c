import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listCasesFor } from "~/modules/cases/index.server";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Case library · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "case:create");
  const rows = await listCasesFor({ db: db() }, user);
  return {
    cases: rows.map((r) => ({
      id: r.id,
      label: r.label,
      createdAt: r.createdAt.toISOString().slice(0, 10),
      terms: r.features.length,
      genes: r.genomicFeatures.map((g) => g.gene).join(", "),
      consent: r.consent ? `${r.consent.status === "active" ? r.consent.permission : "withdrawn"} (v${r.consent.version})` : "none (never used)",
    })),
  };
}

export default function CaseLibrary() {
  const { cases } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Case library</h1>
        <p className="inline-actions">
          <Link className="button" to="/cases/new">
            New case
          </Link>
          <Link className="button button--ghost" to="/cases/search">
            Search cases
          </Link>
        </p>
      </header>
      {cases.length === 0 ? (
        <p className="muted">You have not added a case yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Added</th>
              <th scope="col">Phenotypes</th>
              <th scope="col">Genes</th>
              <th scope="col">Consent</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/cases/${c.id}`}>{c.label}</Link>
                </td>
                <td>{c.createdAt}</td>
                <td>{c.terms}</td>
                <td>{c.genes || "—"}</td>
                <td>{c.consent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
