import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { FormAlert, SelectField, TextField } from "~/components/ui/form";
import { caseHpo, searchCases } from "~/modules/cases/index.server";
import type { DraftFeature } from "~/modules/cases/model";
import { TermPicker } from "~/modules/cases/ui/TermPicker";
import { DUO_CITATION, DUO_PERMISSION_CODES, DUO_PERMISSIONS } from "~/modules/consent/model";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Search cases · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "case:search");
  return { attribution: caseHpo().ontology.attribution };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "case:search");
  const form = await request.formData();
  let features: unknown = [];
  try {
    features = JSON.parse(String(form.get("features") ?? "[]"));
  } catch {
    features = undefined;
  }
  const flag = (name: string) => form.get(name) === "on";
  try {
    const outcome = await searchCases({ db: db() }, user, {
      features,
      genes: String(form.get("genes") ?? "")
        .split(/[,\s]+/)
        .map((g) => g.trim().toUpperCase())
        .filter(Boolean),
      purpose: String(form.get("purpose") ?? "HMB"),
      disease: String(form.get("disease") ?? "").trim() || undefined,
      notForProfit: flag("notForProfit"),
      commercial: flag("commercial"),
      irbApproved: flag("irbApproved"),
      agreesToPublish: flag("agreesToPublish"),
      agreesToCollaborate: flag("agreesToCollaborate"),
      includePeers: flag("includePeers"),
    });
    return { ...outcome, searched: true as const };
  } catch (error) {
    return formFailure(error);
  }
}

export default function SearchCases() {
  const { attribution } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [features, setFeatures] = useState<DraftFeature[]>([]);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Search cases</h1>
        <p className="muted">Matches de-identified cases by phenotype and genotype, here and, if you choose, on federated nodes (Matchmaker Exchange).</p>
      </header>
      <FormAlert message={result && "formError" in result ? result.formError : null} />
      <Form method="post" className="card stack" noValidate>
        <input type="hidden" name="features" value={JSON.stringify(features)} />
        <TermPicker value={features} onChange={setFeatures} attribution={attribution} />
        <TextField label="Genes" name="genes" hint="Symbols separated by commas, e.g. SCN1A" />
        <SelectField
          label="Purpose of use (DUO)"
          name="purpose"
          defaultValue="HMB"
          hint={`From the ${DUO_CITATION}. Only cases whose consent covers this purpose are shown.`}
          options={DUO_PERMISSION_CODES.map((c) => ({ value: c, label: `${c}: ${DUO_PERMISSIONS[c].label}` }))}
        />
        <TextField label="Disease (for DS)" name="disease" hint="e.g. OMIM:607208" />
        <fieldset className="field fieldset">
          <legend className="field__label">I confirm that</legend>
          <label className="checkbox">
            <input type="checkbox" name="notForProfit" defaultChecked />
            <span>I work for a not-for-profit organisation</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" name="commercial" />
            <span>This use is commercial</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" name="irbApproved" />
            <span>I hold ethics (IRB/ERB) approval for this use</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" name="agreesToPublish" />
            <span>I will publish the results</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" name="agreesToCollaborate" />
            <span>I will collaborate with the contributing clinician</span>
          </label>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" name="includePeers" />
          <span>Also search federated nodes (Matchmaker Exchange)</span>
        </label>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Searching…" : "Search"}
        </button>
      </Form>

      {result && "searched" in result ? (
        <section className="stack" aria-labelledby="results">
          <h2 id="results">
            {result.results.length} match{result.results.length === 1 ? "" : "es"}
          </h2>
          {result.peers.map((p) => (
            <p key={p.peer} className={`alert ${p.ok ? "alert--info" : "alert--error"}`}>
              {p.peer}: {p.message} ({p.ms} ms)
            </p>
          ))}
          {result.results.map((r) => (
            <article key={`${r.node}:${r.caseId}`} className="card stack" aria-label={`Match ${r.label}`}>
              <div className="card__header">
                <h3>{r.label}</h3>
                <span className="badge badge--submitted">{r.node}</span>
              </div>
              <p>
                Score <strong>{r.score.toFixed(3)}</strong> · phenotype {r.phenotypeScore.toFixed(3)} · genotype {r.genotypeScore.toFixed(2)}
              </p>
              {r.matchedTerms.length ? (
                <ul aria-label="Why it matched">
                  {r.matchedTerms.map((t, i) => (
                    <li key={i}>
                      {t.query} ↔ {t.match} <small className="muted">(shared: {t.via}, IC {t.ic})</small>
                    </li>
                  ))}
                </ul>
              ) : null}
              {r.penalties.map((p, i) => (
                <p key={i} className="muted">
                  Against: {p.excluded} is excluded but {p.conflicting} is present (−{p.deduction})
                </p>
              ))}
              {r.sharedGenes.length ? <p>Shared genes: {r.sharedGenes.join(", ")}</p> : null}
              <p className="muted">
                Observed: {r.observed.join(", ") || "—"}
                {r.excluded.length ? ` · Excluded: ${r.excluded.join(", ")}` : ""}
                {r.genes.length ? ` · Genes: ${r.genes.join(", ")}` : ""}
              </p>
              {r.contact ? (
                <p>
                  Contact: <a href={r.contact.href}>{r.contact.name}</a>
                  {r.contact.institution ? `, ${r.contact.institution}` : ""}
                </p>
              ) : null}
              {r.consentReason ? <p className="muted">{r.consentReason}</p> : null}
            </article>
          ))}
          <p className="muted">{result.attribution}</p>
        </section>
      ) : null}
    </div>
  );
}
