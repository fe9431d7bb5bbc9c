import { RouteError } from "~/components/ui/route-error";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { FormAlert, TextField } from "~/components/ui/form";
import { approveSplit, editSplit, publicationView, publishArticle, publishingDeps } from "~/modules/publishing/index.server";
import { ARTICLE_STATUS_LABELS, DEFAULT_LICENCE_SECONDS, formatBps, formatEther, PUBLISH_STEP_LABELS, PUBLISH_STEPS, TOTAL_BPS } from "~/modules/publishing/model";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, formObject, rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Publish: ${data?.view.article.title ?? "article"} · MedNexus` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await publicationView({ db: db() }, user, params.articleId ?? "").catch(rethrowAsResponse);
  return { view };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.articleId ?? "";
  const form = formObject(await request.formData(), ["userId", "shareBps"]);
  try {
    switch (form.intent) {
      case "edit": {
        const userIds = form.userId as string[];
        const bps = form.shareBps as string[];
        await editSplit({ db: db(), localWallets: null }, user, id, { shares: userIds.map((userId, i) => ({ userId, shareBps: bps[i] ?? "" })) });
        return { ok: "Split saved. Every author must approve it again." };
      }
      case "approve": {
        const { allApproved } = await approveSplit(publishingDeps(), user, id);
        return { ok: allApproved ? "Approved: every author agrees, the editor can publish." : "Approved. Waiting for the other authors." };
      }
      case "publish":
        await publishArticle(publishingDeps(), user, id, { priceWei: form.priceWei, licenceDays: form.licenceDays });
        return { ok: "Published." };
      default:
        return { formError: "Unknown action.", fieldErrors: {} };
    }
  } catch (error) {
    return formFailure(error);
  }
}

export default function PublishArticle() {
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const publisher = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const { article, shares } = view;
  const publishing = publisher.state !== "idle";
  const editable = article.status === "proposed" || article.status === "approved";
  const message = publisher.data ?? result;

  // While the pipeline runs, reload its persisted step states so the progress shows step by step.
  useEffect(() => {
    if (!publishing) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 600);
    return () => clearInterval(timer);
  }, [publishing, revalidator]);

  return (
    <div className="stack">
      <header className="page-header">
        <p className="muted">
          <Link to="/publishing">Publishing</Link> · {ARTICLE_STATUS_LABELS[article.status]}
        </p>
        <h1>{article.title}</h1>
        {article.status === "published" ? (
          <p>
            <Link to={`/articles/${article.slug}`}>Open the article page</Link>
          </p>
        ) : null}
      </header>
      {message && "ok" in message ? (
        <div className="alert alert--success" role="status">
          {message.ok}
        </div>
      ) : null}
      <FormAlert message={message && "formError" in message ? message.formError : null} />

      <section className="card stack" aria-labelledby="split-heading">
        <h2 id="split-heading">Revenue split</h2>
        <p className="muted">
          Proposed from each author's measured contribution to the text; reviewers share the venue's reviewer share. The first payee receives the
          contract's rounding dust. Shares are in basis points (10,000 = 100%); the split is fixed on chain at publication.
        </p>
        <Form method="post" className="stack" aria-label="Revenue split">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Payee</th>
                <th scope="col">Role</th>
                <th scope="col">Measured contribution</th>
                <th scope="col">Share (bps)</th>
                <th scope="col">Approved</th>
              </tr>
            </thead>
            <tbody>
              {shares.map((share) => (
                <tr key={share.userId}>
                  <td>{share.name}</td>
                  <td>{share.role}</td>
                  <td>{share.role === "author" ? `${share.measuredCharacters} characters` : "—"}</td>
                  <td>
                    <input type="hidden" name="userId" value={share.userId} />
                    {editable ? (
                      <input
                        className="input"
                        name="shareBps"
                        inputMode="numeric"
                        aria-label={`Share of ${share.name} in basis points`}
                        defaultValue={share.shareBps}
                        key={`${share.userId}-${share.shareBps}`}
                      />
                    ) : (
                      <span aria-label={`Share of ${share.name}`}>{share.shareBps}</span>
                    )}{" "}
                    <span className="muted">({formatBps(share.shareBps)})</span>
                  </td>
                  <td>{share.role === "author" ? (share.approved ? "Approved" : "Waiting") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Total: {shares.reduce((a, s) => a + s.shareBps, 0)} of {TOTAL_BPS} bps
          </p>
          {editable ? (
            <div className="inline-actions">
              <button className="button button--ghost" name="intent" value="edit" disabled={navigation.state !== "idle"}>
                Save split
              </button>
              {view.isAuthor && !view.myApproval ? (
                <button className="button" name="intent" value="approve" disabled={navigation.state !== "idle"}>
                  Approve this split
                </button>
              ) : null}
            </div>
          ) : null}
        </Form>
      </section>

      <section className="card stack" aria-labelledby="publish-heading">
        <h2 id="publish-heading">Publication</h2>
        {view.role === "editor" && article.status !== "published" ? (
          <publisher.Form method="post" className="stack" aria-label="Publish">
            {article.status === "approved" ? (
              <>
                <TextField label="Licence price (wei)" name="priceWei" defaultValue={article.priceWei} hint={`Now ${formatEther(article.priceWei)}`} />
                <TextField label="Licence length (days, 0 = perpetual)" name="licenceDays" defaultValue={String(DEFAULT_LICENCE_SECONDS / 86400)} />
              </>
            ) : null}
            <button className="button" name="intent" value="publish" disabled={publishing || article.status === "proposed"}>
              {publishing ? "Publishing…" : article.status === "publishing" ? "Retry publishing" : "Publish"}
            </button>
            {article.status === "proposed" ? <p className="muted">Every author must approve the split first.</p> : null}
          </publisher.Form>
        ) : null}
        <ol className="stack" aria-label="Publishing steps">
          {PUBLISH_STEPS.map((step) => {
            const state = article.steps[step];
            const label = state?.status === "done" ? "done" : state?.status === "failed" ? "failed" : publishing ? "pending" : "not started";
            return (
              <li key={step} data-step={step} data-state={label}>
                <strong>{PUBLISH_STEP_LABELS[step]}</strong>: {label}
                {state ? <span className="muted"> · {state.detail}</span> : null}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError titles={{ 404: "Article not found" }} />;
}
