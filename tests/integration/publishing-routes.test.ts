// Who may open the publishing pages, and what the routes answer to bad requests, over the real server with a chain.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { keccak256, toUtf8Bytes, type HDNodeWallet, type JsonRpcProvider } from "ethers";
import { anvilWallets, localProvider, startAnvil, type AnvilInstance } from "../../contracts/anvil";
import { deployContracts } from "../../contracts/deploy";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { createArticleChain } from "../../app/adapters/chain/index.server";
import { createLocalContentStore } from "../../app/adapters/storage/index.server";
import { setPlatform } from "../../app/utils/platform.server";
import { availableDatabaseKinds } from "../helpers/db";
import { signInCookie, startTestApp, type RunningApp } from "../helpers/app-server";

type Who = "anonymous" | (typeof DEMO_ACCOUNTS)[number]["key"];
const EVERYONE: Who[] = ["anonymous", ...DEMO_ACCOUNTS.map((a) => a.key)];
const NO_SUCH = "00000000-0000-0000-0000-000000000000";

const kinds = await availableDatabaseKinds();
let anvil: AnvilInstance;
let provider: JsonRpcProvider;
let contentDir: string;

beforeAll(async () => {
  anvil = await startAnvil();
  provider = localProvider(anvil.rpcUrl);
  const [platform, oracle, faucet] = anvilWallets(provider, 3) as [HDNodeWallet, HDNodeWallet, HDNodeWallet];
  const deployment = await deployContracts({ deployer: platform, reencryptionOracle: oracle.address, minters: [platform.address] });
  await (await deployment.licenseManager.grantRole(keccak256(toUtf8Bytes("TERMS_REGISTRAR_ROLE")), platform.address)).wait();
  contentDir = await mkdtemp(path.join(tmpdir(), "mednexus-publishing-routes-"));
  setPlatform({
    chain: { mode: "local", chainId: anvil.chainId, rpcUrl: anvil.rpcUrl, addresses: deployment.addresses, articleChain: createArticleChain({ addresses: deployment.addresses, platform, oracle }), provider, faucet },
    contentStore: createLocalContentStore({ dir: contentDir }),
    contentKek: new Uint8Array(32).fill(9),
    localWalletSeed: new Uint8Array(32).fill(10),
  });
});

afterAll(async () => {
  setPlatform(undefined);
  provider?.destroy();
  await anvil?.stop();
  if (contentDir) await rm(contentDir, { recursive: true, force: true });
});

describe.each(kinds)("publishing routes on %s", (kind) => {
  let app: RunningApp;
  const cookies = new Map<Who, string>();

  beforeAll(async () => {
    app = await startTestApp(kind);
    for (const account of DEMO_ACCOUNTS) cookies.set(account.key, await signInCookie(app, account.email));
  });
  afterAll(async () => {
    await app?.close();
  });

  const headersOf = (who: Who, extra: Record<string, string> = {}) => ({ ...(cookies.get(who) ? { Cookie: cookies.get(who)! } : {}), ...extra });

  it("gives every person the expected status on every publishing page", async () => {
    const table: Array<{ path: string; anonymous: number; signedIn: number }> = [
      { path: "/articles", anonymous: 200, signedIn: 200 },
      { path: "/articles/no-such-article", anonymous: 404, signedIn: 404 },
      { path: "/articles/no-such-article/jats", anonymous: 302, signedIn: 404 },
      { path: "/publishing", anonymous: 302, signedIn: 200 },
      { path: `/publishing/${NO_SUCH}`, anonymous: 302, signedIn: 404 },
      { path: "/publishing/not-a-uuid", anonymous: 302, signedIn: 404 },
      { path: "/licences", anonymous: 302, signedIn: 200 },
      { path: "/earnings", anonymous: 302, signedIn: 200 },
    ];
    const mismatches: string[] = [];
    for (const route of table) {
      for (const who of EVERYONE) {
        const response = await fetch(`${app.url}${route.path}`, { redirect: "manual", headers: headersOf(who) });
        await response.arrayBuffer();
        const expected = who === "anonymous" ? route.anonymous : route.signedIn;
        if (response.status !== expected) mismatches.push(`${who} GET ${route.path}: expected ${expected}, got ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("answers bad publishing requests with a 4xx and a reason, changing nothing", async () => {
    const post = (who: Who, url: string, body: Record<string, string>) =>
      fetch(`${app.url}${url}`, {
        method: "POST",
        redirect: "manual",
        headers: headersOf(who, { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" }),
        body: new URLSearchParams(body),
      });
    const submission = await app.database.db.query.submissions.findFirst();
    // The seeded submission is not accepted: it cannot be published, and strangers do not learn it exists.
    const early = await post("editor", "/publishing", { submissionId: submission!.id });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("Only an accepted submission can be published");
    expect((await post("reader", "/publishing", { submissionId: submission!.id })).status).toBe(404);
    expect((await post("anonymous", "/publishing", { submissionId: submission!.id })).status).toBe(302);
    expect((await post("editor", `/publishing/${NO_SUCH}`, { intent: "publish" })).status).toBe(404);
    expect((await post("reader", "/articles/no-such-article", {})).status).toBe(404);
    const withdraw = await post("reader", "/earnings", {});
    expect(withdraw.status).toBe(400);
    expect(await withdraw.text()).toContain("nothing to withdraw");
    const articles = await app.database.db.query.articles.findMany();
    expect(articles).toEqual([]);
  });
});
