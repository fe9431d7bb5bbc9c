import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { FormAlert, SelectField, TextArea, TextField } from "~/components/ui/form";
import { caseHpo, createCase, importFhirBundle, ImportError, importMmePatient, reviewDraft } from "~/modules/cases/index.server";
import {
  AGE_BANDS,
  ASSEMBLIES,
  EMPTY_DRAFT,
  ONSET_TERMS,
  SEXES,
  SEX_LABELS,
  type CaseDraft,
  type DraftGenomicFeature,
  type DroppedIdentifier,
  type IdentifierFinding,
  type Resolution,
} from "~/modules/cases/model";
import { TermPicker } from "~/modules/cases/ui/TermPicker";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "New case · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "case:create");
  return { attribution: caseHpo().ontology.attribution };
}

function parseJsonField(form: FormData, name: string): unknown {
  const text = String(form.get(name) ?? "");
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "case:create");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "import-fhir" || intent === "import-mme") {
      const payload = parseJsonField(form, "payload");
      if (payload === undefined) return data({ intent, formError: "The pasted text is not valid JSON." }, { status: 400 });
      const imported = intent === "import-fhir" ? importFhirBundle(payload) : importMmePatient(payload);
      return { intent, ...imported };
    }
    const draft = parseJsonField(form, "draft");
    if (draft === undefined) return data({ intent, formError: "The case could not be read; reload the page." }, { status: 400 });
    if (intent === "review") return { intent, ...reviewDraft({ db: db() }, draft) };
    if (intent === "save") {
      const resolutions = (parseJsonField(form, "resolutions") ?? {}) as Record<string, Resolution>;
      const { caseId, patientToken } = await createCase({ db: db() }, user, { draft, resolutions });
      return { intent, caseId, patientLink: `${new URL(request.url).origin}/patients/${patientToken}` };
    }
    return data({ intent, formError: "Unknown action." }, { status: 400 });
  } catch (error) {
    if (error instanceof ImportError) return data({ intent, formError: `Import failed: ${error.message}` }, { status: 422 });
    return formFailure(error);
  }
}

type ActionData = {
  intent?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
  draft?: CaseDraft;
  dropped?: DroppedIdentifier[];
  warnings?: string[];
  findings?: IdentifierFinding[];
  caseId?: string;
  patientLink?: string;
};

const EMPTY_GENE: DraftGenomicFeature = { gene: "" };

export default function NewCase() {
  const { attribution } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ActionData>();
  const [draft, setDraft] = useState<CaseDraft>(EMPTY_DRAFT);
  const [payload, setPayload] = useState("");
  const [dropped, setDropped] = useState<DroppedIdentifier[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [findings, setFindings] = useState<IdentifierFinding[] | null>(null);
  const [reviewed, setReviewed] = useState<string | null>(null);
  const [resolutions, setResolutions] = useState<Record<string, Resolution>>({});
  const posted = useActionData<typeof action>() as ActionData | undefined;
  const result = fetcher.data ?? posted;
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    if (!result || result.formError) return;
    if ((result.intent === "import-fhir" || result.intent === "import-mme") && result.draft) {
      setDraft({ ...EMPTY_DRAFT, ...result.draft });
      setDropped(result.dropped ?? []);
      setWarnings(result.warnings ?? []);
      setFindings(null);
      setReviewed(null);
    }
    if (result.intent === "review" && result.findings && result.draft) {
      setDraft(result.draft);
      setFindings(result.findings);
      setReviewed(JSON.stringify(result.draft));
      setResolutions({});
    }
  }, [result]);

  const update = (patch: Partial<CaseDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const stale = reviewed !== JSON.stringify(draft);
  const unresolved = (findings ?? []).filter((f) => !resolutions[f.key]).length;

  if (result?.intent === "save" && result.caseId) {
    return (
      <div className="page--narrow stack">
        <h1>Case saved</h1>
        <div className="alert alert--success" role="status">
          The de-identified case was saved. It is used only as its consent allows: record the patient&apos;s consent next.
        </div>
        <section className="card stack" aria-labelledby="patient-link">
          <h2 id="patient-link">The patient&apos;s secret link</h2>
          <p>
            Give this link to the patient. It shows them how their case is used and lets them withdraw consent. It is shown
            only now; you can issue a new one from the case page.
          </p>
          <p>
            <code data-testid="patient-link">{result.patientLink}</code>
          </p>
        </section>
        <Link className="button" to={`/cases/${result.caseId}`}>
          Open the case and record consent
        </Link>
      </div>
    );
  }

  const submit = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post" });
  const genes = draft.genomicFeatures;
  const setGene = (i: number, patch: Partial<DraftGenomicFeature>) => update({ genomicFeatures: genes.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  const numberOrUndefined = (v: string) => (v.trim() === "" || !Number.isFinite(Number(v)) ? undefined : Number(v));

  return (
    <div className="stack">
      <header className="page-header">
        <h1>New case</h1>
        <p className="muted">
          Enter a de-identified case, or import it. Nothing is stored until every identifier found in the text is resolved.
        </p>
      </header>
      <FormAlert message={result?.formError} />

      <section className="card stack" aria-labelledby="import">
        <h2 id="import">Import</h2>
        <TextArea
          label="FHIR R4 Bundle or MME patient (JSON)"
          hint="Patient, Condition and Observation resources; names, record numbers, addresses and dates are dropped or coarsened."
          rows={6}
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
        />
        <label className="field__label" htmlFor="import-file">
          Or choose a JSON file
        </label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setPayload);
          }}
        />
        <div className="inline-actions">
          <button type="button" className="button" disabled={busy || !payload.trim()} onClick={() => submit({ intent: "import-fhir", payload })}>
            Import FHIR bundle
          </button>
          <button type="button" className="button button--ghost" disabled={busy || !payload.trim()} onClick={() => submit({ intent: "import-mme", payload })}>
            Import MME JSON
          </button>
        </div>
        {dropped.length > 0 ? (
          <div className="alert alert--info" role="status">
            <strong>Removed on import:</strong>
            <ul>
              {dropped.map((d) => (
                <li key={d.field}>
                  {d.what} <small className="muted">({d.field})</small>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {warnings.map((w) => (
          <p key={w} className="alert alert--info">
            {w}
          </p>
        ))}
      </section>

      <section className="card stack" aria-labelledby="case">
        <h2 id="case">Case</h2>
        <TextField label="Case label" hint="A short description, never a name." value={draft.label} onChange={(e) => update({ label: e.target.value })} error={result?.fieldErrors?.label} />
        <SelectField
          label="Sex"
          value={draft.sex ?? ""}
          onChange={(e) => update({ sex: (e.target.value || undefined) as CaseDraft["sex"] })}
          options={[{ value: "", label: "—" }, ...SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] }))]}
        />
        <SelectField
          label="Age band"
          hint="Five-year bands; everyone over 89 is 90+ (HIPAA Safe Harbor)."
          value={draft.ageBand ?? ""}
          onChange={(e) => update({ ageBand: e.target.value || undefined })}
          options={[{ value: "", label: "—" }, ...AGE_BANDS.map((b) => ({ value: b, label: b }))]}
        />
        <SelectField
          label="Age of onset"
          value={draft.ageOfOnset ?? ""}
          onChange={(e) => update({ ageOfOnset: e.target.value || undefined })}
          options={[{ value: "", label: "—" }, ...ONSET_TERMS.map((t) => ({ value: t.id, label: t.label }))]}
        />
        <TextField label="Year of onset" inputMode="numeric" hint="The year only." value={draft.onsetYear ?? ""} onChange={(e) => update({ onsetYear: numberOrUndefined(e.target.value) })} />
        <TextField label="Country" hint="Two-letter code, e.g. IS." value={draft.country ?? ""} onChange={(e) => update({ country: e.target.value || undefined })} />
        <TextArea label="Summary" rows={5} value={draft.summary} onChange={(e) => update({ summary: e.target.value })} error={result?.fieldErrors?.summary} />
        <TermPicker value={draft.features} onChange={(features) => update({ features })} attribution={attribution} />

        <fieldset className="field fieldset">
          <legend className="field__label">Genes and variants</legend>
          {genes.map((g, i) => (
            <div key={i} className="inline-actions" role="group" aria-label={`Gene ${i + 1}`}>
              <TextField label="Gene" hint="Symbol, HGNC or Ensembl id" value={g.gene} onChange={(e) => setGene(i, { gene: e.target.value })} />
              <SelectField label="Assembly" value={g.assembly ?? ""} onChange={(e) => setGene(i, { assembly: (e.target.value || undefined) as DraftGenomicFeature["assembly"] })} options={[{ value: "", label: "—" }, ...ASSEMBLIES.map((a) => ({ value: a, label: a }))]} />
              <TextField label="Chromosome" value={g.referenceName ?? ""} onChange={(e) => setGene(i, { referenceName: e.target.value || undefined })} />
              <TextField label="Position" inputMode="numeric" value={g.start ?? ""} onChange={(e) => setGene(i, { start: numberOrUndefined(e.target.value) })} />
              <TextField label="Reference" value={g.referenceBases ?? ""} onChange={(e) => setGene(i, { referenceBases: e.target.value || undefined })} />
              <TextField label="Alternate" value={g.alternateBases ?? ""} onChange={(e) => setGene(i, { alternateBases: e.target.value || undefined })} />
              <SelectField label="Zygosity" value={g.zygosity ? String(g.zygosity) : ""} onChange={(e) => setGene(i, { zygosity: e.target.value ? (Number(e.target.value) as 1 | 2) : undefined })} options={[{ value: "", label: "—" }, { value: "1", label: "heterozygous" }, { value: "2", label: "homozygous" }]} />
              <button type="button" className="button button--small button--ghost" onClick={() => update({ genomicFeatures: genes.filter((_, j) => j !== i) })}>
                Remove gene
              </button>
            </div>
          ))}
          <button type="button" className="button button--small" onClick={() => update({ genomicFeatures: [...genes, { ...EMPTY_GENE }] })}>
            Add a gene
          </button>
        </fieldset>

        <fieldset className="field fieldset">
          <legend className="field__label">Disorders (OMIM or Orphanet)</legend>
          {draft.disorders.map((d, i) => (
            <div key={i} className="inline-actions" role="group" aria-label={`Disorder ${i + 1}`}>
              <TextField label="Disorder id" value={d.id} onChange={(e) => update({ disorders: draft.disorders.map((x, j) => (j === i ? { ...x, id: e.target.value } : x)) })} />
              <TextField label="Disorder name" value={d.label ?? ""} onChange={(e) => update({ disorders: draft.disorders.map((x, j) => (j === i ? { ...x, label: e.target.value || undefined } : x)) })} />
              <button type="button" className="button button--small button--ghost" onClick={() => update({ disorders: draft.disorders.filter((_, j) => j !== i) })}>
                Remove disorder
              </button>
            </div>
          ))}
          <button type="button" className="button button--small" onClick={() => update({ disorders: [...draft.disorders, { id: "" }] })}>
            Add a disorder
          </button>
        </fieldset>
      </section>

      <section className="card stack" aria-labelledby="identifiers">
        <h2 id="identifiers">Identifier review</h2>
        <p className="muted">The HIPAA Safe Harbor check looks for names, dates, places, numbers and other identifiers in the text.</p>
        <button type="button" className="button" disabled={busy} onClick={() => submit({ intent: "review", draft: JSON.stringify(draft) })}>
          Check for identifiers
        </button>
        {findings && !stale ? (
          findings.length === 0 ? (
            <p className="alert alert--success" role="status">
              No identifiers found.
            </p>
          ) : (
            <table className="table" aria-label="Identifiers found">
              <thead>
                <tr>
                  <th scope="col">Where</th>
                  <th scope="col">What</th>
                  <th scope="col">Text</th>
                  <th scope="col">Resolve</th>
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => (
                  <tr key={f.key}>
                    <td>{f.fieldLabel}</td>
                    <td>{f.kindLabel}</td>
                    <td>
                      <mark>{f.text}</mark>
                    </td>
                    <td>
                      <label className="checkbox">
                        <input type="radio" name={`r-${f.key}`} checked={resolutions[f.key] === "redact"} onChange={() => setResolutions((r) => ({ ...r, [f.key]: "redact" }))} aria-label={`Redact ${f.text}`} />
                        Redact → {f.suggestion}
                      </label>
                      <label className="checkbox">
                        <input type="radio" name={`r-${f.key}`} checked={resolutions[f.key] === "confirm"} onChange={() => setResolutions((r) => ({ ...r, [f.key]: "confirm" }))} aria-label={`Keep ${f.text}`} />
                        Keep: not identifying
                      </label>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        ) : findings && stale ? (
          <p className="alert alert--info">The case changed since the check: check again before saving.</p>
        ) : null}
        {findings && !stale && findings.length > 0 ? (
          <div className="inline-actions">
            <button type="button" className="button button--small button--ghost" onClick={() => setResolutions(Object.fromEntries(findings.map((f) => [f.key, "redact" as const])))}>
              Redact all
            </button>
            <span className="muted">{unresolved === 0 ? "Every identifier is resolved." : `${unresolved} identifier${unresolved === 1 ? "" : "s"} left to resolve.`}</span>
          </div>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={busy || !findings || stale || unresolved > 0}
          onClick={() => submit({ intent: "save", draft: JSON.stringify(draft), resolutions: JSON.stringify(resolutions) })}
        >
          Save case
        </button>
      </section>
    </div>
  );
}
