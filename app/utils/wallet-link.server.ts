import { getServerEnv } from "./env.server";
import { getPlatform } from "./platform.server";

/** What a Sign-In with Ethereum message must name on this site: its host, its origin and the platform's chain. */
export function siweContext(request: Request) {
  const env = getServerEnv();
  const origin = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : new URL(request.url).origin;
  return { domain: new URL(origin).host, uri: origin, chainId: getPlatform()?.chain.chainId ?? env.CHAIN_ID ?? 31337 };
}
