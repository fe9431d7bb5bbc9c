import { RouteError } from "~/components/ui/route-error";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { openReview, publishingDeps } from "~/modules/publishing/index.server";
import { rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Review ${data?.review.number ?? ""} of ${data?.article.title ?? "an article"} · MedNexus` }];

/** One open review of a published article, public; 404 unless the venue is open and the reviewer consented. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { article, review } = await Promise.resolve()
    .then(() => openReview(publishingDeps(), params.slug ?? "", params.n ?? ""))
    .catch(rethrowAsResponse);
  return {
    article,
    review: {
      ...review,
      submittedAt: review.submittedAt.toISOString(),
      annotations: review.annotations.map((a) => ({ ...a, responses: a.responses.map((r) => ({ ...r, at: r.at.toISOString() })) })),
    },
  };
}

export default function OpenReviewPage() {
  const { article, review } = useLoaderData<typeof loader>();
  return (
    <article className="stack" data-review-id={review.id}>
      <header className="page-header">
        <p>
          <Link to={`/articles/${article.slug}`}>{article.title}</Link>
        </p>
        <h1>
          Review {review.number} by {review.reviewer}
        </h1>
        <p className="muted">
          Round {review.round} · submitted {review.submittedAt.slice(0, 10)} · recommendation: {review.recommendation} · identifier <code>{review.id}</code>
        </p>
      </header>
      <section className="stack" aria-label="Review">
        <h2>Summary</h2>
        <p>{review.summary}</p>
        {review.strengths ? (
          <>
            <h2>Strengths</h2>
            <p>{review.strengths}</p>
          </>
        ) : null}
        {review.weaknesses ? (
          <>
            <h2>Weaknesses</h2>
            <p>{review.weaknesses}</p>
          </>
        ) : null}
      </section>
      {review.annotations.length ? (
        <section className="stack" aria-label="Annotations and the authors' responses">
          <h2>Annotations and the authors' responses</h2>
          <ol>
            {review.annotations.map((a) => (
              <li key={a.id}>
                <blockquote>{a.quote}</blockquote>
                <p>
                  <strong>{a.kind}:</strong> {a.body}
                </p>
                {a.responses.map((r) => (
                  <p key={r.id}>
                    <em>Response from {r.author}:</em> {r.body}
                  </p>
                ))}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <RouteError titles={{ 404: "Review not found" }} />;
}
