// The patient's page, reached by the secret link their clinician gave them: no account needed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { FormAlert } from "~/components/ui/form";
import { patientView, revokeByPatient } from "~/modules/cases/index.server";
import { DUO_CITATION } from "~/modules/consent/model";
import { db } from "~/utils/db.server";
import { formFailure, rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your case · MedNexus" }, { name: "robots", content: "noindex" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return patientView({ db: db() }, params.token ?? "").catch(rethrowAsResponse);
}

export async function action({ params }: ActionFunctionArgs) {
  try {
    const consent = await revokeByPatient({ db: db() }, params.token ?? "");
    return { ok: `Your consent is withdrawn (version ${consent.version}). From now on your case is not shown or sent to anyone.` };
  } catch (error) {
    return formFailure(error);
  }
}

export default function PatientPage() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const active = view.consent?.status === "active";
  return (
    <div className="page--narrow stack">
      <h1>How your case is used</h1>
      <p>
        Your clinician {view.clinician}
        {view.institution ? ` (${view.institution})` : ""} added a de-identified description of your case: no name, address,
        dates or record numbers. It helps doctors find other patients with the same condition.
      </p>
      {result && "ok" in result ? (
        <div className="alert alert--success" role="status">
          {result.ok}
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />
      <section className="card stack" aria-labelledby="consent">
        <h2 id="consent">Your consent</h2>
        <p>{view.consent ? view.consent.text : "No consent is recorded, so your case is not used."}</p>
        <p className="muted">Purposes are described with the {DUO_CITATION}.</p>
        {active ? (
          <Form method="post" className="stack">
            <p>
              <strong>Withdrawing takes effect immediately:</strong> your case will not be shown or sent from the next search
              on. Uses that already happened cannot be recalled: clinicians who already saw your case, or nodes that already
              received it, may keep what they saw.
            </p>
            <button type="submit" className="button" disabled={busy}>
              Withdraw my consent
            </button>
          </Form>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="uses">
        <h2 id="uses">Who used your case</h2>
        {view.uses.length === 0 ? (
          <p className="muted">Nobody has used your case yet.</p>
        ) : (
          <table className="table" aria-label="Uses of your case">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
              </tr>
            </thead>
            <tbody>
              {view.uses.map((u, i) => (
                <tr key={i}>
                  <td>{u.at.slice(0, 16).replace("T", " ")}</td>
                  <td>
                    {u.what}
                    {u.purpose ? <small className="muted"> · {u.purpose}</small> : null}
                  </td>
                  <td>{u.who}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {view.deniedRequests > 0 ? <p className="muted">{view.deniedRequests} request(s) were refused because your consent did not allow them.</p> : null}
      </section>
      <section className="card stack" aria-labelledby="what">
        <h2 id="what">What is stored</h2>
        <ul>
          {view.phenotypes.map((p) => (
            <li key={p.name}>
              {p.observed ? "" : "Not present: "}
              {p.name}
            </li>
          ))}
        </ul>
        {view.genes.length ? <p>Genes: {view.genes.join(", ")}</p> : null}
        <p className="muted">{view.attribution}</p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <div className="page--narrow error-page">
      <h1>This link does not work</h1>
      <p>{isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : "Please try again later."}</p>
    </div>
  );
}
