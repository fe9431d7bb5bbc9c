import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/ui/form";
import { decideMembership, getInstitution, isInstitutionAdmin, requestMembership } from "~/modules/identity/index.server";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.institution.name ?? "Institution"} · MedNexus` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "institution:join");
  const institution = await getInstitution({ db: db() }, params.institutionId ?? "").catch(rethrowAsResponse);
  const isAdmin = isInstitutionAdmin(user, institution.id);
  const mine = institution.memberships.find((m) => m.userId === user.id);
  return {
    institution: { id: institution.id, name: institution.name, country: institution.country, ror: institution.ror },
    isAdmin,
    myStatus: mine?.status ?? null,
    // Everyone sees verified members; admins also see who is waiting or was declined.
    members: institution.memberships
      .filter((m) => isAdmin || m.status === "verified")
      .map((m) => ({ userId: m.userId, name: m.user.name, orcid: m.user.orcid, status: m.status, isAdmin: m.isAdmin })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "institution:join");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const institutionId = params.institutionId ?? "";
  try {
    if (intent === "join") {
      await requestMembership({ db: db() }, user, institutionId);
      return { ok: "Your request was sent to the institution's admins." };
    }
    await decideMembership({ db: db() }, user, { institutionId, userId: String(form.get("userId") ?? ""), decision: intent });
    return { ok: "Membership updated." };
  } catch (error) {
    return formFailure(error);
  }
}

export default function InstitutionPage() {
  const { institution, isAdmin, myStatus, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <header className="page-header">
        <h1>{institution.name}</h1>
        <p className="muted">
          {institution.country}
          {institution.ror ? ` · ${institution.ror}` : ""}
        </p>
      </header>
      {result && "ok" in result ? (
        <div className="alert alert--success" role="status">
          {result.ok}
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />
      {myStatus === null ? (
        <Form method="post">
          <button className="button" name="intent" value="join">
            Ask to join
          </button>
        </Form>
      ) : (
        <p>
          Your membership: <span className={`badge badge--${myStatus}`}>{myStatus}</span>
        </p>
      )}
      <section className="card" aria-labelledby="members">
        <h2 id="members">Members</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ORCID</th>
              <th scope="col">Status</th>
              {isAdmin ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name}
                  {m.isAdmin ? " (admin)" : ""}
                </td>
                <td>{m.orcid ?? "—"}</td>
                <td>
                  <span className={`badge badge--${m.status}`}>{m.status}</span>
                </td>
                {isAdmin ? (
                  <td>
                    <Form method="post" className="inline-actions">
                      <input type="hidden" name="userId" value={m.userId} />
                      {m.status !== "verified" ? (
                        <button className="button button--small" name="intent" value="verify" aria-label={`Verify ${m.name}`}>
                          Verify
                        </button>
                      ) : null}
                      {m.status === "pending" ? (
                        <button className="button button--small button--ghost" name="intent" value="reject" aria-label={`Decline ${m.name}`}>
                          Decline
                        </button>
                      ) : null}
                      {m.status === "verified" && !m.isAdmin ? (
                        <button className="button button--small button--ghost" name="intent" value="make-admin" aria-label={`Make ${m.name} an admin`}>
                          Make admin
                        </button>
                      ) : null}
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
