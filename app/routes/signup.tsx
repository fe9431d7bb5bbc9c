import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { CheckboxGroup, FormAlert, TextField } from "~/components/ui/form";
import { signUp } from "~/modules/identity/index.server";
import { ROLE_LABELS, SELF_SERVICE_ROLES } from "~/modules/identity/model";
import { commitSessionHeaders, getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, formObject } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Create an account · MedNexus" }];

const ROLE_HINTS: Record<(typeof SELF_SERVICE_ROLES)[number], string> = {
  author: "Write and submit manuscripts",
  reviewer: "Review manuscripts when invited",
  reader: "License and read articles",
  clinician: "Search and contribute de-identified cases",
  patient: "Decide how your case may be used",
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = formObject(await request.formData(), ["roles"]);
  try {
    const { token } = await signUp({ db: db() }, form);
    return redirect("/dashboard", { headers: await commitSessionHeaders(token) });
  } catch (error) {
    return formFailure(error);
  }
}

export default function SignUp() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="page--narrow">
      <h1>Create your MedNexus account</h1>
      <FormAlert message={result?.formError} />
      <Form method="post" noValidate className="stack">
        <TextField label="Full name" name="name" autoComplete="name" required error={errors.name} />
        <TextField label="E-mail address" name="email" type="email" autoComplete="email" required error={errors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 12 characters. A passphrase of a few words works well."
          error={errors.password}
        />
        <TextField
          label="ORCID iD (optional)"
          name="orcid"
          placeholder="0000-0002-1825-0097"
          hint="Link your publications. We check the iD's checksum."
          error={errors.orcid}
        />
        <CheckboxGroup
          legend="What will you do on MedNexus?"
          name="roles"
          defaultValues={["author"]}
          options={SELF_SERVICE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
          error={errors.roles}
        />
        <p className="muted">Editor and administrator roles are granted by a platform administrator.</p>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Creating account…" : "Create account"}
        </button>
      </Form>
      <p>
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </div>
  );
}
