import { RouteError } from "~/components/ui/route-error";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxGroup, FormAlert, SelectField, TextField } from "~/components/ui/form";
import { allInstitutionsForConsent, caseHpo, casePublicationsOf, getCaseForClinician, linkCasePublication, recordCaseConsent, renewPatientLink, withdrawCase } from "~/modules/cases/index.server";
import { DUO_CITATION, DUO_MODIFIER_CODES, DUO_MODIFIERS, DUO_PERMISSION_CODES, DUO_PERMISSIONS, describeConsent } from "~/modules/consent/model";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, formObject, rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.label ?? "Case"} · MedNexus` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "case:create");
  const { case: c, consents } = await getCaseForClinician({ db: db() }, user, params.caseId ?? "").catch(rethrowAsResponse);
  const hpo = caseHpo();
  return {
    attribution: hpo.ontology.attribution,
    case: {
      id: c.id,
      label: c.label,
      sex: c.sex,
      ageBand: c.ageBand,
      onsetYear: c.onsetYear,
      country: c.country,
      summary: c.summary,
      features: c.features.map((f) => ({ ...f, label: f.label ?? hpo.ontology.resolve(f.id).term?.name ?? f.id })),
      genomicFeatures: c.genomicFeatures,
      disorders: c.disorders,
      contact: c.contact,
      deidReport: c.deidReport,
      status: c.status,
    },
    canWithdraw: c.status === "active" && c.createdBy === user.id,
    canLinkPublications: c.createdBy === user.id,
    publications: (await casePublicationsOf({ db: db() }, c.id)).map((p) => ({ manuscriptId: p.manuscriptId, title: p.title, status: p.status })),
    consents: consents.map((k) => ({ version: k.version, status: k.status, text: describeConsent(k), by: k.recordedByLabel, at: k.createdAt.toISOString().slice(0, 16).replace("T", " ") })),
    institutions: await allInstitutionsForConsent(db()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "case:create");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "consent") {
      const consent = await recordCaseConsent({ db: db() }, user, params.caseId ?? "", formObject(form, ["modifiers", "scopeInstitutionIds"]));
      return { ok: `Consent version ${consent.version} recorded. It applies from the next use.` };
    }
    if (intent === "patient-link") {
      const token = await renewPatientLink({ db: db() }, user, params.caseId ?? "");
      return { ok: "A new patient link was issued; the previous one no longer works.", patientLink: `${new URL(request.url).origin}/patients/${token}` };
    }
    if (intent === "link-publication") {
      const linked = await linkCasePublication({ db: db() }, user, params.caseId ?? "", String(form.get("manuscriptId") ?? ""));
      return { ok: `Linked to “${linked.title}”.` };
    }
    if (intent === "withdraw") {
      await withdrawCase({ db: db() }, user, params.caseId ?? "", String(form.get("reason") ?? ""));
      return { ok: "Case withdrawn. It is no longer matched, searched or shared with other nodes." };
    }
    return data({ formError: "Unknown action.", fieldErrors: {} }, { status: 400 });
  } catch (error) {
    return formFailure(error);
  }
}

export default function CasePage() {
  const { case: c, consents, institutions, attribution, canWithdraw, canLinkPublications, publications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string> = result && "fieldErrors" in result ? result.fieldErrors : {};
  return (
    <div className="stack">
      <header className="page-header">
        <h1>{c.label}</h1>
        <p className="muted">
          {[c.sex, c.ageBand ? `age ${c.ageBand}` : null, c.onsetYear ? `onset ${c.onsetYear}` : null, c.country].filter(Boolean).join(" · ")}
        </p>
      </header>
      {result && "ok" in result ? (
        <div className="alert alert--success" role="status">
          {result.ok}
          {"patientLink" in result && result.patientLink ? (
            <p>
              <code data-testid="patient-link">{result.patientLink}</code>
            </p>
          ) : null}
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />
      {c.status === "withdrawn" ? (
        <p className="alert alert--info" data-testid="case-withdrawn">
          This case was withdrawn: it is kept for the audit trail only and is never matched, searched or shared.
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="record">
        <h2 id="record">De-identified record</h2>
        {c.summary ? <p style={{ whiteSpace: "pre-wrap" }}>{c.summary}</p> : null}
        <h3>Phenotypes</h3>
        <ul>
          {c.features.map((f) => (
            <li key={f.id}>
              {f.observed ? "Observed" : "Excluded"}: {f.label} <small className="muted">{f.id}</small>
            </li>
          ))}
        </ul>
        <p className="muted">{attribution}</p>
        {c.genomicFeatures.length ? (
          <>
            <h3>Genes</h3>
            <ul>
              {c.genomicFeatures.map((g, i) => (
                <li key={i}>
                  {g.gene}
                  {g.variant ? ` ${g.variant.assembly} chr${g.variant.referenceName}:${g.variant.start ?? "?"} ${g.variant.referenceBases ?? ""}>${g.variant.alternateBases ?? ""}` : ""}
                  {g.zygosity ? ` (${g.zygosity === 2 ? "homozygous" : "heterozygous"})` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {c.disorders.length ? (
          <p>
            Disorders: {c.disorders.map((d) => (d.label ? `${d.label} (${d.id})` : d.id)).join("; ")}
          </p>
        ) : null}
        <p className="muted">
          Contact: {c.contact.name}
          {c.contact.institution ? `, ${c.contact.institution}` : ""}. Identifiers resolved at ingest: {c.deidReport.length}.
        </p>
      </section>

      <section className="card stack" aria-labelledby="consent">
        <h2 id="consent">Consent</h2>
        <p className="muted">
          Purposes and conditions from the {DUO_CITATION} (DUO). Without consent the case is never used. A request for a
          specific purpose matches a more general permission, never the reverse.
        </p>
        {consents.length ? (
          <table className="table" aria-label="Consent versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">What it allows</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {consents.map((k) => (
                <tr key={k.version}>
                  <td>{k.version}</td>
                  <td>
                    <span className={`badge badge--${k.status === "active" ? "verified" : "rejected"}`}>{k.status}</span>
                  </td>
                  <td>{k.text}</td>
                  <td>
                    {k.at} by {k.by}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="alert alert--info">No consent recorded: this case is not used for anything yet.</p>
        )}
        <p>
          <a href={`/cases/${c.id}/consent/fhir`}>Export consent as FHIR R4</a>
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="consent" />
          <SelectField
            label="Permitted use (DUO)"
            name="permission"
            defaultValue="HMB"
            options={DUO_PERMISSION_CODES.map((code) => ({ value: code, label: `${code}: ${DUO_PERMISSIONS[code].label}` }))}
            error={errors.permission}
          />
          <TextField label="Disease (for DS)" name="disease" hint="OMIM, Orphanet or MONDO id, e.g. OMIM:607208" error={errors.disease} />
          <CheckboxGroup
            legend="Conditions (DUO modifiers)"
            name="modifiers"
            options={DUO_MODIFIER_CODES.map((m) => ({ value: m, label: m, hint: DUO_MODIFIERS[m].label }))}
            error={errors.modifiers}
          />
          <TextField label="Countries (for GS)" name="scopeCountries" hint="Two-letter codes separated by commas." error={errors.scopeCountries} />
          <CheckboxGroup legend="Institutions (for IS)" name="scopeInstitutionIds" options={institutions.map((i) => ({ value: i.id, label: i.name, hint: i.country }))} error={errors.scopeInstitutionIds} />
          <label className="checkbox">
            <input type="checkbox" name="allowFederation" />
            <span>Allow matching with other nodes (Matchmaker Exchange)</span>
          </label>
          <TextField label="Expires on" name="expiresAt" type="date" error={errors.expiresAt} />
          <label className="checkbox">
            <input type="checkbox" name="patientConfirmed" />
            <span>The patient (or their guardian) gave this consent</span>
          </label>
          {errors.patientConfirmed ? (
            <p className="field__error" role="alert">
              {errors.patientConfirmed}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={busy}>
            Record consent
          </button>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="patient">
        <h2 id="patient">Patient link</h2>
        <p>The patient sees how their case is used, and can withdraw consent, through a secret link.</p>
        <Form method="post">
          <button className="button button--ghost" name="intent" value="patient-link">
            Issue a new patient link
          </button>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="publications">
        <h2 id="publications">Publications</h2>
        {publications.length ? (
          <ul data-testid="case-publications">
            {publications.map((p) => (
              <li key={p.manuscriptId}>
                <a href={`/manuscripts/${p.manuscriptId}`}>{p.title}</a> <small className="muted">{p.status}</small>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Not linked to any manuscript or article yet.</p>
        )}
        {canLinkPublications ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="link-publication" />
            <TextField label="Manuscript or article" name="manuscriptId" hint="Its id, or a link to its page: one you author, or a published article." error={errors.manuscriptId} />
            <button type="submit" className="button button--ghost" disabled={busy}>
              Link publication
            </button>
          </Form>
        ) : null}
      </section>

      {canWithdraw ? (
        <section className="card stack" aria-labelledby="withdraw">
          <h2 id="withdraw">Withdraw this case</h2>
          <p>Withdrawing removes the case from matching on this node and from Matchmaker Exchange replies at once. It cannot be undone.</p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="withdraw" />
            <TextField label="Reason (optional)" name="reason" hint="Kept in the audit log." />
            <button type="submit" className="button button--ghost" disabled={busy}>
              Withdraw case
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError titles={{ 404: "Case not found" }} />;
}
