import { Wallet } from "ethers";
import { availableDatabaseKinds } from "../helpers/db";
import { signInCookie, startTestApp, type RunningApp } from "../helpers/app-server";

const kinds = await availableDatabaseKinds();

describe.each(kinds)("linking a wallet with Sign-In with Ethereum on %s", (kind) => {
  let app: RunningApp;
  let cookie: string;
  beforeAll(async () => {
    app = await startTestApp(kind);
    cookie = await signInCookie(app, "reader@demo.mednexus.org");
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, body: unknown, who = cookie) =>
    fetch(`${app.url}${path}`, { method: "POST", headers: { Cookie: who, Origin: app.url, "Content-Type": "application/json" }, body: JSON.stringify(body) });

  it("links a wallet that signs the challenge, once, and refuses replays, forgeries and bad input", async () => {
    const wallet = Wallet.createRandom();
    const challenge = await post("/wallets/challenge", { address: wallet.address });
    expect(challenge.status).toBe(200);
    const { message } = (await challenge.json()) as { message: string };
    expect(message).toContain(`${new URL(app.url).host} wants you to sign in with your Ethereum account:`);
    expect(message).toContain(wallet.address);

    const forged = await post("/wallets/link", { message, signature: await Wallet.createRandom().signMessage(message) });
    expect(forged.status).toBe(403);

    const signature = await wallet.signMessage(message);
    const linked = await post("/wallets/link", { message, signature });
    expect(linked.status).toBe(200);
    expect(await linked.json()).toEqual({ address: wallet.address, linked: true });

    const replay = await post("/wallets/link", { message, signature });
    expect(replay.status).toBe(403);
    expect(((await replay.json()) as { message: string }).message).toMatch(/already used/);

    const page = await fetch(`${app.url}/wallets`, { headers: { Cookie: cookie } });
    expect(await page.text()).toContain(wallet.address);

    expect((await post("/wallets/challenge", { address: "not-an-address" })).status).toBe(400);
    expect((await post("/wallets/link", { message: "hello", signature: "0x00" })).status).toBe(400);
    const anonymous = await fetch(`${app.url}/wallets/challenge`, { method: "POST", redirect: "manual", headers: { Origin: app.url, "Content-Type": "application/json" }, body: "{}" });
    expect(anonymous.status).toBe(302);
  });
});
