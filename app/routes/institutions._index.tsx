import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, SelectField, TextField } from "~/components/ui/form";
import { createInstitution, listInstitutions, listUsers } from "~/modules/identity/index.server";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, formObject } from "~/utils/http.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Institutions · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "institution:join");
  const deps = { db: db() };
  const institutions = await listInstitutions(deps);
  const people = can(user, "institution:create") ? (await listUsers(deps)).map((u) => ({ id: u.id, name: u.name, email: u.email })) : null;
  return {
    institutions: institutions.map((i) => ({
      id: i.id,
      name: i.name,
      country: i.country,
      membership: user.verifiedInstitutionIds.includes(i.id) ? "verified" : null,
    })),
    people,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "institution:create");
  const form = formObject(await request.formData());
  try {
    const institution = await createInstitution({ db: db() }, user, form, form.firstAdminId ? String(form.firstAdminId) : undefined);
    return redirect(`/institutions/${institution.id}`);
  } catch (error) {
    return formFailure(error);
  }
}

export default function Institutions() {
  const { institutions, people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="stack">
      <h1>Institutions</h1>
      <p className="muted">Membership is verified by each institution's admins. Verified members can act for their institution.</p>
      <ul className="item-list">
        {institutions.map((i) => (
          <li key={i.id}>
            <Link to={`/institutions/${i.id}`}>{i.name}</Link>
            <span className="item-list__meta">
              {i.country}
              {i.membership ? " · you are a verified member" : ""}
            </span>
          </li>
        ))}
      </ul>
      {people ? (
        <section className="card" aria-labelledby="new-institution">
          <h2 id="new-institution">Register an institution</h2>
          <FormAlert message={result?.formError} />
          <Form method="post" noValidate className="stack">
            <TextField label="Name" name="name" required error={errors.name} />
            <TextField label="Country (ISO code)" name="country" required maxLength={2} error={errors.country} />
            <TextField label="ROR id (optional)" name="ror" error={errors.ror} />
            <SelectField
              label="First institution admin"
              name="firstAdminId"
              options={[{ value: "", label: "— none yet —" }, ...people.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))]}
            />
            <button type="submit" className="button" disabled={busy}>
              Register institution
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
