import type { ActionFunctionArgs } from "@remix-run/node";
import { linkWallet } from "~/modules/licensing/index.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { isDomainError } from "~/utils/errors";
import { siweContext } from "~/utils/wallet-link.server";

/** POST { message, signature }: verifies the signed EIP-4361 message and links its address to the signed-in user. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const body = (await request.json().catch(() => null)) as { message?: unknown; signature?: unknown } | null;
  try {
    const message = typeof body?.message === "string" ? body.message : "";
    const signature = typeof body?.signature === "string" ? body.signature : "";
    const wallet = await linkWallet({ db: db(), siwe: siweContext(request) }, { userId: user.id, message, signature });
    return Response.json({ address: wallet.address, linked: true });
  } catch (error) {
    if (isDomainError(error)) return Response.json({ message: error.message }, { status: error.status });
    throw error;
  }
}

export async function loader() {
  return Response.json({ message: "POST { message, signature } to link a wallet." }, { status: 405 });
}
