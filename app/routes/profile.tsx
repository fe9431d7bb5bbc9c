import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxGroup, FormAlert, TextArea, TextField } from "~/components/ui/form";
import { getProfile, updateOwnProfile } from "~/modules/identity/index.server";
import { ROLE_LABELS, SELF_SERVICE_ROLES } from "~/modules/identity/model";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, formObject } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Profile · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "profile:edit:own");
  const profile = await getProfile({ db: db() }, user.id);
  if (!profile) throw new Response("Your account no longer exists.", { status: 404 });
  return {
    profile: { name: profile.name, email: profile.email, orcid: profile.orcid, bio: profile.bio },
    roles: user.roles,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "profile:edit:own");
  try {
    await updateOwnProfile({ db: db() }, user, formObject(await request.formData(), ["roles"]));
    return { saved: true as const };
  } catch (error) {
    return formFailure(error);
  }
}

export default function Profile() {
  const { profile, roles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  const granted = roles.filter((r) => !(SELF_SERVICE_ROLES as readonly string[]).includes(r));
  return (
    <div className="page--narrow">
      <h1>Your profile</h1>
      {result && "saved" in result ? (
        <div className="alert alert--success" role="status">
          Profile saved.
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />
      <Form method="post" noValidate className="stack">
        <TextField label="E-mail address" name="email-display" value={profile.email} readOnly disabled />
        <TextField label="Full name" name="name" defaultValue={profile.name} required error={errors.name} />
        <TextField
          label="ORCID iD"
          name="orcid"
          defaultValue={profile.orcid ?? ""}
          placeholder="0000-0002-1825-0097"
          hint="Four groups of four characters; the last one is a checksum."
          error={errors.orcid}
        />
        <TextArea label="About you" name="bio" defaultValue={profile.bio} rows={4} error={errors.bio} />
        <CheckboxGroup
          legend="Your roles"
          name="roles"
          defaultValues={roles}
          options={SELF_SERVICE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          error={errors.roles}
        />
        {granted.length > 0 ? <p className="muted">Granted by an administrator: {granted.map((r) => ROLE_LABELS[r]).join(", ")}.</p> : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : "Save profile"}
        </button>
      </Form>
    </div>
  );
}
