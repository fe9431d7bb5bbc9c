import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/ui/form";
import { listUsers, setAdminRole } from "~/modules/identity/index.server";
import { ROLE_LABELS } from "~/modules/identity/model";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "People and roles · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:roles:grant");
  const people = await listUsers({ db: db() });
  return { people: people.map((p) => ({ id: p.id, name: p.name, email: p.email, roles: p.roles.map((r) => r.role) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "admin:roles:grant");
  const form = await request.formData();
  try {
    await setAdminRole({ db: db() }, actor, {
      userId: String(form.get("userId") ?? ""),
      role: String(form.get("role") ?? ""),
      grant: form.get("intent") === "grant",
    });
    return { ok: "Roles updated." };
  } catch (error) {
    return formFailure(error);
  }
}

export default function AdminUsers() {
  const { people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>People and roles</h1>
      {result && "ok" in result ? <div className="alert alert--success" role="status">{result.ok}</div> : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Roles</th>
            <th scope="col">Editor</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => {
            const isEditor = p.roles.includes("editor");
            return (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.email}</td>
                <td>{p.roles.map((r) => ROLE_LABELS[r]).join(", ")}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="userId" value={p.id} />
                    <input type="hidden" name="role" value="editor" />
                    <button className="button button--small button--ghost" name="intent" value={isEditor ? "revoke" : "grant"}>
                      {isEditor ? "Remove editor role" : "Make editor"}
                    </button>
                  </Form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
