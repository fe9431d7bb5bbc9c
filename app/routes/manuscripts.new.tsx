import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FormAlert, SelectField, TextArea, TextField } from "~/components/ui/form";
import { createManuscript } from "~/modules/manuscripts/index.server";
import { ARTICLE_TYPE_LABELS, ARTICLE_TYPES } from "~/modules/manuscripts/model";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, formObject } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "New manuscript · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manuscript:create");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manuscript:create");
  try {
    const manuscript = await createManuscript({ db: db() }, user, formObject(await request.formData()));
    return redirect(`/manuscripts/${manuscript.id}`);
  } catch (error) {
    return formFailure(error);
  }
}

export default function NewManuscript() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="page--narrow">
      <h1>Start a manuscript</h1>
      <FormAlert message={result?.formError} />
      <Form method="post" noValidate className="stack">
        <TextField label="Title" name="title" required error={errors.title} />
        <SelectField
          label="Article type"
          name="articleType"
          defaultValue="original-research"
          options={ARTICLE_TYPES.map((t) => ({ value: t, label: ARTICLE_TYPE_LABELS[t] }))}
          error={errors.articleType}
        />
        <TextArea label="Abstract" name="abstract" rows={6} error={errors.abstract} />
        <TextField label="Keywords" name="keywords" hint="Separate keywords with commas." error={errors.keywords} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Creating…" : "Create manuscript"}
        </button>
      </Form>
    </div>
  );
}
