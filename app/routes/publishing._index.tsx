import { RouteError } from "~/components/ui/route-error";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/ui/form";
import { proposeSplit, publishingDesk } from "~/modules/publishing/index.server";
import { ARTICLE_STATUS_LABELS } from "~/modules/publishing/model";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, formObject } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Publishing · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { rows: await publishingDesk({ db: db() }, user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = formObject(await request.formData());
  try {
    const article = await proposeSplit({ db: db(), localWallets: null }, user, String(form.submissionId ?? ""));
    return redirect(`/publishing/${article.id}`);
  } catch (error) {
    return formFailure(error);
  }
}

export default function PublishingDesk() {
  const { rows } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Publishing</h1>
        <p className="muted">Accepted submissions you edit or wrote: agree the revenue split, then publish.</p>
      </header>
      <FormAlert message={failure?.formError} />
      {rows.length === 0 ? (
        <p className="muted">No accepted submission yet.</p>
      ) : (
        <table className="table" aria-label="Accepted submissions">
          <thead>
            <tr>
              <th scope="col">Manuscript</th>
              <th scope="col">Venue</th>
              <th scope="col">Publication</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.submissionId}>
                <td>{row.title}</td>
                <td>{row.venueName}</td>
                <td>
                  {row.articleId ? (
                    <span className="inline-actions">
                      <Link to={`/publishing/${row.articleId}`}>{ARTICLE_STATUS_LABELS[row.articleStatus!]}</Link>
                      {row.articleStatus === "published" ? <Link to={`/articles/${row.slug}`}>Article page</Link> : null}
                    </span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="submissionId" value={row.submissionId} />
                      <button className="button" type="submit">
                        Prepare publication of “{row.title}”
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
