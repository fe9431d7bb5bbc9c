import type { ActionFunctionArgs } from "@remix-run/node";
import { getAddress, isAddress } from "ethers";
import { SiweMessage } from "siwe";
import { issueWalletLinkNonce } from "~/modules/licensing/index.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { siweContext } from "~/utils/wallet-link.server";

/** POST { address }: a Sign-In with Ethereum (EIP-4361) message with a fresh single-use nonce, for the wallet to sign. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const body = (await request.json().catch(() => null)) as { address?: unknown } | null;
  const address = typeof body?.address === "string" && isAddress(body.address) ? getAddress(body.address) : null;
  if (!address) return Response.json({ message: "Send the wallet's address as { \"address\": \"0x…\" }." }, { status: 400 });
  const siwe = siweContext(request);
  const challenge = await issueWalletLinkNonce({ db: db(), siwe }, { userId: user.id });
  const message = new SiweMessage({
    domain: challenge.domain,
    address,
    statement: challenge.statement,
    uri: challenge.uri,
    version: "1",
    chainId: challenge.chainId,
    nonce: challenge.nonce,
    issuedAt: new Date().toISOString(),
    expirationTime: challenge.expiresAt.toISOString(),
  }).prepareMessage();
  return Response.json({ message, expiresAt: challenge.expiresAt.toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

export async function loader() {
  return Response.json({ message: "POST { address } to get a message to sign." }, { status: 405 });
}
