import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useState } from "react";
import { FormAlert } from "~/components/ui/form";
import { listWallets, provisionLocalWallet } from "~/modules/licensing/index.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formFailure } from "~/utils/http.server";
import { getPlatform, localWalletsOf } from "~/utils/platform.server";

export const meta: MetaFunction = () => [{ title: "Wallets · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const platform = getPlatform();
  const wallets = await listWallets({ db: db() }, { userId: user.id });
  return {
    wallets: wallets.map((w) => ({ address: w.address, kind: w.kind, createdAt: w.createdAt.toISOString() })),
    chain: platform ? { mode: platform.chain.mode, chainId: platform.chain.chainId } : null,
    localAvailable: Boolean(platform && localWalletsOf(platform)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const platform = getPlatform();
  const local = platform ? localWalletsOf(platform) : null;
  try {
    if (!local) throw new DomainError("UNAVAILABLE", "Local wallets exist only on the development chain.");
    const { wallet, fundedWei } = await provisionLocalWallet({ db: db(), ...local }, { userId: user.id });
    return { ok: `Your local wallet ${wallet.address} is ready${fundedWei > 0n ? " and funded with test ether" : ""}.` };
  } catch (error) {
    return formFailure(error);
  }
}

type Ethereum = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };

/** Links an extension wallet (window.ethereum) by signing an EIP-4361 message. */
function BrowserWalletLink() {
  const revalidator = useRevalidator();
  const [message, setMessage] = useState<string | null>(null);
  const link = async () => {
    const ethereum = (window as unknown as { ethereum?: Ethereum }).ethereum;
    if (!ethereum) {
      setMessage("No browser wallet was found. Install one (e.g. an Ethereum wallet extension), or use your local wallet below.");
      return;
    }
    try {
      const [address] = (await ethereum.request({ method: "eth_requestAccounts" })) as string[];
      const challenge = await fetch("/wallets/challenge", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ address }) });
      const payload = (await challenge.json()) as { message: string };
      if (!challenge.ok) throw new Error(payload.message);
      const text = payload.message;
      const signature = (await ethereum.request({ method: "personal_sign", params: [text, address] })) as string;
      const linked = await fetch("/wallets/link", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message: text, signature }) });
      const result = (await linked.json()) as { message?: string };
      if (!linked.ok) throw new Error(result.message ?? "The wallet could not be linked.");
      setMessage(`Linked ${address}.`);
      revalidator.revalidate();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : "The wallet could not be linked.");
    }
  };
  return (
    <div className="stack">
      <button type="button" className="button" onClick={() => void link()}>
        Link a browser wallet (Sign-In with Ethereum)
      </button>
      {message ? <p role="status">{message}</p> : null}
    </div>
  );
}

export default function Wallets() {
  const { wallets, chain, localAvailable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="stack page--narrow">
      <h1>Your wallets</h1>
      <p className="muted">
        Wallets receive your share of licence revenue and pay for licences.{" "}
        {chain ? `MedNexus runs on ${chain.mode === "local" ? "a local development chain" : "chain"} ${chain.chainId}.` : ""}
      </p>
      {result && "ok" in result ? (
        <div className="alert alert--success" role="status">
          {result.ok}
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />
      {wallets.length === 0 ? (
        <p className="muted">No wallet linked yet.</p>
      ) : (
        <ul className="item-list" aria-label="Linked wallets">
          {wallets.map((w) => (
            <li key={w.address}>
              <code>{w.address}</code>
              <span className="item-list__meta">
                {w.kind === "local" ? "local development wallet" : "linked by signature (EIP-4361)"} · since {w.createdAt.slice(0, 10)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <BrowserWalletLink />
      {localAvailable ? (
        <Form method="post">
          <button className="button button--ghost" disabled={busy}>
            Create my local wallet (development chain, funded with test ether)
          </button>
        </Form>
      ) : null}
    </div>
  );
}
