import { RouteError } from "~/components/ui/route-error";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/ui/form";
import { earningsOf, publishingDeps, withdrawEarnings } from "~/modules/publishing/index.server";
import { formatBps, formatEther } from "~/modules/publishing/model";
import { requireUser } from "~/utils/auth.server";
import { formFailure, rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Earnings · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const earnings = await Promise.resolve()
    .then(() => earningsOf(publishingDeps(), user))
    .catch(rethrowAsResponse);
  return {
    ...earnings,
    payments: earnings.payments.map((p) => ({ ...p, at: p.at.toISOString() })),
    withdrawals: earnings.withdrawals.map((w) => ({ id: w.id, amountWei: w.amountWei, address: w.address, txHash: w.txHash, at: w.createdAt.toISOString() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const withdrawal = await withdrawEarnings(publishingDeps(), user);
    return { ok: `Withdrew ${withdrawal.amountWei.toString()} wei (${formatEther(withdrawal.amountWei)}).` };
  } catch (error) {
    return formFailure(error);
  }
}

export default function Earnings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const withdrawable = data.balances.reduce((a, b) => a + BigInt(b.withdrawableWei), 0n);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Earnings</h1>
        <p className="muted">Your share of the licence revenue of the articles you wrote or reviewed, credited by the article contract.</p>
      </header>
      {result && "ok" in result ? (
        <div className="alert alert--success" role="status">
          {result.ok}
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />

      <section className="card stack" aria-labelledby="balance-heading">
        <h2 id="balance-heading">Withdrawable now</h2>
        <p>
          <strong data-testid="withdrawable-wei">{withdrawable.toString()}</strong> wei ({formatEther(withdrawable)})
        </p>
        <ul>
          {data.balances.map((b) => (
            <li key={b.address}>
              <code>{b.address}</code> ({b.kind === "local" ? "local wallet" : "linked wallet"}): {b.withdrawableWei} wei
            </li>
          ))}
        </ul>
        {data.canWithdraw ? (
          <Form method="post">
            <button className="button" type="submit" disabled={navigation.state !== "idle" || withdrawable === 0n}>
              Withdraw
            </button>
          </Form>
        ) : (
          <p className="muted">Withdraw from your linked wallet (call withdraw() on the article contract).</p>
        )}
      </section>

      <section className="stack" aria-labelledby="articles-heading">
        <h2 id="articles-heading">By article</h2>
        <table className="table" aria-label="Earnings by article">
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Role</th>
              <th scope="col">Share</th>
              <th scope="col">Licences sold</th>
              <th scope="col">Credited to you (wei)</th>
            </tr>
          </thead>
          <tbody>
            {data.articles.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/articles/${a.slug}`}>{a.title}</Link>
                </td>
                <td>{a.role}</td>
                <td>{formatBps(a.shareBps)}</td>
                <td>{a.licences}</td>
                <td data-testid={`credited-${a.slug}`}>{a.creditedWei}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="stack" aria-labelledby="payments-heading">
        <h2 id="payments-heading">Payment history</h2>
        <table className="table" aria-label="Payment history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Article</th>
              <th scope="col">Licence price (wei)</th>
              <th scope="col">Your credit (wei)</th>
            </tr>
          </thead>
          <tbody>
            {data.payments.map((p) => (
              <tr key={p.txHash}>
                <td>{p.at.slice(0, 16).replace("T", " ")} UTC</td>
                <td>{p.title}</td>
                <td>{p.priceWei}</td>
                <td>{p.creditedWei}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Withdrawals</h3>
        <ul aria-label="Withdrawals">
          {data.withdrawals.map((w) => (
            <li key={w.id}>
              {w.at.slice(0, 16).replace("T", " ")} UTC: {w.amountWei} wei to <code>{w.address}</code>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError titles={{ 503: "Chain unavailable" }} />;
}
