import { RouteError } from "~/components/ui/route-error";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/ui/form";
import { articleView, licenseArticle, openReviews, publishingDeps } from "~/modules/publishing/index.server";
import { formatBps, formatEther } from "~/modules/publishing/model";
import { getUser, requireUser } from "~/utils/auth.server";
import { formFailure, rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.article.title ?? "Article"} · MedNexus` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const view = await Promise.resolve()
    .then(() => articleView(publishingDeps(), user, params.slug ?? "", { countView: true }))
    .catch(rethrowAsResponse);
  const { article } = view;
  return {
    signedIn: user !== null,
    article: {
      slug: article.slug,
      title: article.title,
      abstract: article.abstract,
      status: article.status,
      priceWei: article.priceWei,
      licenceDurationSeconds: article.licenceDurationSeconds,
      tokenId: article.tokenId,
      contentRoot: article.contentRoot,
      publishedAt: article.publishedAt?.toISOString() ?? null,
      views: article.views,
      reads: article.reads,
      id: article.id,
    },
    authors: view.authors,
    shares: view.shares.map((s) => ({ name: s.name, role: s.role, shareBps: s.shareBps })),
    contract: view.contract,
    licenceCount: view.licenceCount,
    fullText: view.fullText ? { basis: view.fullText.basis, institution: view.fullText.institution, html: view.fullText.html } : null,
    institutionalPriceWei: view.institutionalPriceWei,
    myInstitutions: view.myInstitutions,
    myLicences: view.myLicences.map((l) => ({ id: l.id, expiresAt: l.expiresAt?.toISOString() ?? null })),
    canLicense: view.canLicense,
    openReviews:
      article.status === "published"
        ? (await openReviews(publishingDeps(), article.slug)).reviews.map((r) => ({
            number: r.number,
            id: r.id,
            path: r.path,
            reviewer: r.reviewer,
            recommendation: r.recommendation,
            summary: r.summary,
            responses: r.annotations.reduce((n, a) => n + a.responses.length, 0),
          }))
        : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const form = Object.fromEntries(await request.formData());
    const { licence } = await licenseArticle(publishingDeps(), user, params.slug ?? "", form);
    return { ok: licence?.institutionId ? "Institutional licence bought: every verified member of your institution can read the full text." : "Licence bought: the full text is open below." };
  } catch (error) {
    return formFailure(error);
  }
}

const BASIS_LABELS = {
  owner: "you own this article's token",
  authorized: "you are an authorised author",
  license: "you hold a licence",
  institution: "your institution holds a licence",
} as const;

export default function ArticlePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { article, contract } = data;
  const days = Math.round(article.licenceDurationSeconds / 86400);
  return (
    <article className="stack">
      <header className="page-header">
        <h1>{article.title}</h1>
        <p aria-label="Authors">
          {data.authors.map((a, i) => (
            <span key={a.name}>
              {i > 0 ? ", " : ""}
              {a.name}
              {a.orcid ? (
                <>
                  {" "}
                  <a href={`https://orcid.org/${a.orcid}`} aria-label={`ORCID of ${a.name}`}>
                    ORCID {a.orcid}
                  </a>
                </>
              ) : null}
            </span>
          ))}
        </p>
        <p className="muted">
          {article.publishedAt ? `Published ${article.publishedAt.slice(0, 10)}` : "Not published yet"} · {article.views} views · {article.reads} full-text reads ·{" "}
          {data.licenceCount} licences
        </p>
      </header>

      <section aria-labelledby="abstract-heading" className="stack">
        <h2 id="abstract-heading">Abstract</h2>
        <p>{article.abstract || "No abstract."}</p>
      </section>

      {result && "ok" in result ? (
        <div className="alert alert--success" role="status">
          {result.ok}
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />

      {data.fullText ? (
        <section aria-labelledby="fulltext-heading" className="stack">
          <h2 id="fulltext-heading">Full text</h2>
          <p className="muted">Open because {BASIS_LABELS[data.fullText.basis]}{data.fullText.institution ? ` (${data.fullText.institution})` : ""}. <a href={`/articles/${article.slug}/jats`}>JATS XML</a> · <a href={`/articles/${article.slug}/pdf`}>PDF</a></p>
          {/* Rendered on the server from the frozen ProseMirror JSON by our own renderer (text escaped), then decrypted. */}
          <div className="article-body" dangerouslySetInnerHTML={{ __html: data.fullText.html }} />
        </section>
      ) : (
        <section aria-labelledby="licence-heading" className="card stack">
          <h2 id="licence-heading">Read the full text</h2>
          <p>
            Personal reading licence: <strong>{formatEther(article.priceWei)}</strong> ({article.priceWei} wei), {days === 0 ? "perpetual" : `${days} days`}, not
            transferable. Paid on chain; the revenue is split between the authors and reviewers below.
          </p>
          {article.status !== "published" ? (
            <p className="muted">Not published yet: licences open at publication.</p>
          ) : data.canLicense ? (
            <>
              <Form method="post">
                <button className="button" type="submit" disabled={navigation.state !== "idle"}>
                  {navigation.state === "submitting" ? "Paying…" : `Buy a licence for ${formatEther(article.priceWei)}`}
                </button>
              </Form>
              {data.myInstitutions.length ? (
                <Form method="post" className="stack">
                  <label>
                    Institutional licence ({formatEther(data.institutionalPriceWei)}): every verified member of{" "}
                    <select name="institutionId" defaultValue={data.myInstitutions[0]!.id}>
                      {data.myInstitutions.map((i) => (
                        <option key={i.id} value={i.id}>
                          {i.name}
                        </option>
                      ))}
                    </select>{" "}
                    reads the full text while it is valid.
                  </label>
                  <button className="button" type="submit" disabled={navigation.state !== "idle"}>
                    Buy an institutional licence
                  </button>
                </Form>
              ) : null}
            </>
          ) : data.signedIn ? (
            <p className="muted">Pay from your own wallet: this server runs on a remote chain.</p>
          ) : (
            <p>
              <Link to={`/signin?redirectTo=/articles/${article.slug}`}>Sign in</Link> to buy a licence.
            </p>
          )}
        </section>
      )}

      {data.myLicences.length ? (
        <p className="muted">
          Your licence{data.myLicences.length > 1 ? "s" : ""}: {data.myLicences.map((l) => (l.expiresAt ? `valid until ${l.expiresAt.slice(0, 16).replace("T", " ")} UTC` : "perpetual")).join("; ")}.{" "}
          <Link to="/licences">My licences</Link>
        </p>
      ) : null}

      {data.openReviews.length ? (
        <section aria-labelledby="reviews-heading" className="stack">
          <h2 id="reviews-heading">Open peer review</h2>
          <ol aria-label="Open reviews">
            {data.openReviews.map((r) => (
              <li key={r.id}>
                <Link to={r.path}>
                  Review {r.number} by {r.reviewer}
                </Link>{" "}
                ({r.recommendation}
                {r.responses ? `, ${r.responses} author response${r.responses > 1 ? "s" : ""}` : ""}): {r.summary}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="record-heading" className="card stack">
        <h2 id="record-heading">On-chain record</h2>
        <dl>
          <dt>Token id</dt>
          <dd data-testid="token-id">{article.tokenId ?? "—"}</dd>
          <dt>Article contract</dt>
          <dd>
            <code>{contract?.articleToken ?? "—"}</code> (chain {contract?.chainId ?? "—"})
          </dd>
          <dt>Licence contract</dt>
          <dd>
            <code>{contract?.licenseManager ?? "—"}</code>
          </dd>
          <dt>Storage root</dt>
          <dd>
            <code>{article.contentRoot ?? "—"}</code>
          </dd>
        </dl>
        <h3>Revenue split</h3>
        <ul aria-label="Revenue split">
          {data.shares.map((s) => (
            <li key={s.name}>
              {s.name} ({s.role}): {formatBps(s.shareBps)}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <RouteError titles={{ 404: "Article not found" }} />;
}
