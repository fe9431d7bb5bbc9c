import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublished } from "~/modules/publishing/index.server";
import { formatEther } from "~/modules/publishing/model";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Articles · MedNexus" }];

/** Published articles are public records: anyone may list them (the full text needs a licence). */
export async function loader(_: LoaderFunctionArgs) {
  const articles = await listPublished({ db: db() });
  return { articles: articles.map((a) => ({ slug: a.slug, title: a.title, abstract: a.abstract, priceWei: a.priceWei, publishedAt: a.publishedAt?.toISOString() ?? null })) };
}

export default function Articles() {
  const { articles } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Articles</h1>
        <p className="muted">Published on MedNexus. Abstracts are open; the full text opens with a licence.</p>
      </header>
      {articles.length === 0 ? <p className="muted">Nothing published yet.</p> : null}
      <ul className="stack" aria-label="Published articles">
        {articles.map((a) => (
          <li key={a.slug} className="card stack">
            <h2>
              <Link to={`/articles/${a.slug}`}>{a.title}</Link>
            </h2>
            <p>{a.abstract}</p>
            <p className="muted">
              Published {a.publishedAt?.slice(0, 10)} · licence {formatEther(a.priceWei)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
