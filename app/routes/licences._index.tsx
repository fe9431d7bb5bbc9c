import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { myLicences } from "~/modules/publishing/index.server";
import { formatEther } from "~/modules/publishing/model";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "My licences · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const licences = await myLicences({ db: db() }, user);
  return {
    licences: licences.map((l) => ({ id: l.id, title: l.title, slug: l.slug, priceWei: l.priceWei, licenceId: l.licenceId, txHash: l.txHash, boughtAt: l.createdAt.toISOString(), expiresAt: l.expiresAt?.toISOString() ?? null, valid: l.valid })),
  };
}

export default function MyLicences() {
  const { licences } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-header">
        <h1>My licences</h1>
        <p className="muted">Licences you bought; each opens the article's full text until it expires.</p>
      </header>
      {licences.length === 0 ? (
        <p className="muted">
          No licence yet. <Link to="/articles">Browse articles</Link>
        </p>
      ) : (
        <table className="table" aria-label="My licences">
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Paid</th>
              <th scope="col">Bought</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {licences.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link to={`/articles/${l.slug}`}>{l.title}</Link>
                </td>
                <td>{formatEther(l.priceWei)}</td>
                <td>{l.boughtAt.slice(0, 16).replace("T", " ")} UTC</td>
                <td>{l.expiresAt ? `${l.expiresAt.slice(0, 16).replace("T", " ")} UTC` : "Never"}</td>
                <td>{l.valid ? "Valid" : "Expired"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
