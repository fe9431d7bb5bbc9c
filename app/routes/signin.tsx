import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormAlert, TextField } from "~/components/ui/form";
import { signIn } from "~/modules/identity/index.server";
import { commitSessionHeaders, getUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, formObject } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Sign in · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
}

export async function action({ request }: ActionFunctionArgs) {
  const form = formObject(await request.formData());
  try {
    const { token } = await signIn({ db: db() }, form, clientAddress(request));
    return redirect(safeRedirect(typeof form.redirectTo === "string" ? form.redirectTo : null), { headers: await commitSessionHeaders(token) });
  } catch (error) {
    return formFailure(error);
  }
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="page--narrow">
      <h1>Sign in</h1>
      <FormAlert message={result?.formError} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/dashboard"} />
        <TextField label="E-mail address" name="email" type="email" autoComplete="email" required error={errors.email} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
      <p>
        New to MedNexus? <Link to="/signup">Create an account</Link>
      </p>
    </div>
  );
}
