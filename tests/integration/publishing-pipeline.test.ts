// The "done when", below the browser: an accepted submission gets a split proposed from measured contribution
// and the venue's reviewer share, authors approve it, the editor publishes it step by step (a failed step is retried
// without a second token), a reader licenses and reads it, and the payees withdraw what the contract credited them.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { and, eq, isNotNull } from "drizzle-orm";
import { keccak256, toUtf8Bytes, type HDNodeWallet, type JsonRpcProvider } from "ethers";
import * as Y from "yjs";
import { anvilWallets, localProvider, startAnvil, type AnvilInstance } from "../../contracts/anvil";
import { deployContracts } from "../../contracts/deploy";
import { articleContentKeys, articleLicences, articles, collabClientAuthors, collabUpdates, institutionMemberships, institutions, venues } from "../../db/schema";
import { DEMO_ACCOUNTS, seedDemoData } from "../../db/seed";
import { createArticleChain, type ArticleChain } from "../../app/adapters/chain/index.server";
import { createLocalContentStore, type ContentStore } from "../../app/adapters/storage/index.server";
import { contentExtensions } from "../../app/components/editor/content-extensions";
import { resolveSession, startSession } from "../../app/modules/identity/accounts.server";
import type { SessionUser } from "../../app/modules/identity/model";
import { answerInvitation, createManuscript, documentNameOf, inviteCoAuthor } from "../../app/modules/manuscripts/index.server";
import {
  approveSplit,
  articlePdf,
  articleView,
  creditsOf,
  earningsOf,
  editSplit,
  licenseArticle,
  myLicences,
  institutionalPriceWei,
  openReview,
  openReviews,
  proposeSplit,
  publishArticle,
  withdrawEarnings,
  type PublishingDeps,
} from "../../app/modules/publishing/index.server";
import { addAnnotation, decide, inviteReviewer, replyToAnnotation, respondToInvitation, submitManuscript, submitReview } from "../../app/modules/review/index.server";
import { DomainError } from "../../app/utils/errors";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../helpers/db";

const kinds = await availableDatabaseKinds();
/** An odd price, so the split leaves rounding dust for the first payee. */
const PRICE = 1_000_000_000_000_007n;
const REVIEW = { summary: "Sound methods and a clear report of one cohort.", recommendation: "accept", originality: "4", rigour: "4", clarity: "4", confidentialComments: "" };

let anvil: AnvilInstance;
let provider: JsonRpcProvider;
let faucet: HDNodeWallet;
let chain: ArticleChain;

beforeAll(async () => {
  anvil = await startAnvil();
  provider = localProvider(anvil.rpcUrl);
  const [platform, oracle, funder] = anvilWallets(provider, 3) as [HDNodeWallet, HDNodeWallet, HDNodeWallet];
  faucet = funder;
  const deployment = await deployContracts({ deployer: platform, reencryptionOracle: oracle.address, minters: [platform.address] });
  await (await deployment.licenseManager.grantRole(keccak256(toUtf8Bytes("TERMS_REGISTRAR_ROLE")), platform.address)).wait();
  chain = createArticleChain({ addresses: deployment.addresses, platform, oracle });
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** What the collab-server stores: an update by this user's Yjs client. */
async function writeAs(database: TestDatabase, manuscriptId: string, userId: string, doc: Y.Doc, edit: () => void) {
  const before = Y.encodeStateVector(doc);
  edit();
  const documentName = documentNameOf(manuscriptId);
  await database.db.insert(collabUpdates).values({ documentName, update: Y.encodeStateAsUpdate(doc, before), userId });
  await database.db.insert(collabClientAuthors).values({ documentName, clientId: doc.clientID, userId }).onConflictDoNothing();
}

describe.each(kinds)("publishing on %s", (kind) => {
  let database: TestDatabase;
  let contentDir: string;
  let store: ContentStore;
  let deps: PublishingDeps;
  const people = new Map<string, SessionUser>();
  const person = (key: string) => people.get(key)!;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, { password: "irrelevant-password-123" });
    for (const account of DEMO_ACCOUNTS) {
      const user = await database.db.query.users.findFirst({ where: (u, { eq: equals }) => equals(u.email, account.email) });
      const { token } = await startSession({ db: database.db }, user!.id);
      people.set(account.key, (await resolveSession({ db: database.db }, token))!);
    }
    contentDir = await mkdtemp(path.join(tmpdir(), "mednexus-publishing-"));
    store = createLocalContentStore({ dir: contentDir });
    deps = {
      db: database.db,
      chain,
      store,
      kek: new Uint8Array(32).fill(kind === "pg" ? 5 : 6),
      localWallets: { seed: new Uint8Array(32).fill(kind === "pg" ? 7 : 8), provider, funder: faucet },
    };
  });

  afterAll(async () => {
    await database?.close();
    if (contentDir) await rm(contentDir, { recursive: true, force: true });
  });

  /** A manuscript the author wrote three quarters of and the co-author a quarter, reviewed and accepted. */
  async function acceptedSubmission(title: string, options: { venueSlug?: string; openConsent?: boolean; secondReviewer?: boolean; annotate?: boolean } = {}) {
    const author = person("author");
    const coauthor = person("coauthor");
    const manuscript = await createManuscript({ db: database.db }, author, { title, articleType: "original-research", abstract: "Time in range rose with sensor use.", keywords: "glucose, MODY" });
    await inviteCoAuthor({ db: database.db }, author, manuscript.id, { email: "coauthor@demo.mednexus.org" });
    await answerInvitation({ db: database.db }, coauthor, manuscript.id, true);
    const schema = getSchema(contentExtensions());
    const authorDoc = new Y.Doc();
    await writeAs(database, manuscript.id, author.id, authorDoc, () =>
      prosemirrorJSONToYXmlFragment(
        schema,
        {
          type: "doc",
          content: [
            { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Methods" }] },
            { type: "paragraph", content: [{ type: "text", text: "Forty adolescents wore sensors for 12 weeks & kept <diaries>." }] },
            { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "References" }] },
            { type: "paragraph", content: [{ type: "text", text: "Battelino T, et al. Clinical targets for CGM data. Diabetes Care. 2019." }] },
          ],
        },
        authorDoc.getXmlFragment("default"),
      ),
    );
    const coauthorDoc = new Y.Doc();
    Y.applyUpdate(coauthorDoc, Y.encodeStateAsUpdate(authorDoc));
    await writeAs(database, manuscript.id, coauthor.id, coauthorDoc, () => {
      const paragraph = coauthorDoc.getXmlFragment("default").get(1) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).insert(0, "Results: time in range rose. ");
    });
    const venue = (await database.db.query.venues.findFirst({ where: eq(venues.slug, options.venueSlug ?? "open-medicine") }))!;
    const submission = await submitManuscript({ db: database.db }, author, manuscript.id, { venueId: venue.id, coverLetter: "" });
    const editor = person("editor");
    const assignment = await inviteReviewer({ db: database.db }, editor, submission.id, { reviewerId: person("reviewer").id });
    await respondToInvitation({ db: database.db }, person("reviewer"), assignment.id, true);
    const note = options.annotate
      ? await addAnnotation({ db: database.db }, person("reviewer"), submission.id, { kind: "question", body: "How many sensors failed early?", start: 0, end: 8 })
      : undefined;
    await submitReview({ db: database.db }, person("reviewer"), submission.id, { ...REVIEW, openConsent: options.openConsent ? "on" : "" });
    if (options.secondReviewer) {
      const second = await inviteReviewer({ db: database.db }, editor, submission.id, { reviewerId: person("reviewer2").id, overrideReason: "Different department; no shared projects." });
      await respondToInvitation({ db: database.db }, person("reviewer2"), second.id, true);
      await submitReview({ db: database.db }, person("reviewer2"), submission.id, { ...REVIEW, summary: "A second, anonymous opinion on the cohort study." });
    }
    return { manuscript, submission, venue, noteId: note?.id };
  }

  it("proposes the split from contribution and the reviewer share, validates edits and needs every author's approval", async () => {
    const { submission } = await acceptedSubmission("Split rules study");
    const editor = person("editor");
    expect((await rejection(proposeSplit(deps, editor, submission.id))).code).toBe("INVALID_TRANSITION");
    await decide({ db: database.db }, editor, submission.id, { decision: "accept", letter: "Accepted: a clear and careful study." });
    expect((await rejection(proposeSplit(deps, person("reader"), submission.id))).code).toBe("NOT_FOUND");

    const article = await proposeSplit(deps, editor, submission.id);
    expect((await proposeSplit(deps, person("author"), submission.id)).id).toBe(article.id);
    let view = await articleView(deps, editor, article.id);
    const [asha, jon, lena] = view.shares;
    expect(view.shares.map((s) => [s.name, s.role])).toEqual([
      ["Dr Asha Rao", "author"],
      ["Dr Jón Einarsson", "author"],
      ["Dr Lena Okafor", "reviewer"],
    ]);
    // The venue sets 10% aside for reviewers; the authors share 90% by the characters each wrote.
    expect(lena!.shareBps).toBe(1_000);
    expect(asha!.shareBps + jon!.shareBps).toBe(9_000);
    expect(asha!.measuredCharacters).toBeGreaterThan(jon!.measuredCharacters);
    expect(jon!.measuredCharacters).toBe("Results: time in range rose. ".length);
    const expectedJon = 1 + Math.round((8_997 * jon!.measuredCharacters) / (asha!.measuredCharacters + jon!.measuredCharacters));
    expect(Math.abs(jon!.shareBps - expectedJon)).toBeLessThanOrEqual(1);
    // A stranger to the article does not even learn that it exists.
    expect((await rejection(articleView(deps, person("reader"), article.id))).code).toBe("NOT_FOUND");

    const edit = (shares: Array<[string, number]>, who = person("author")) => editSplit(deps, who, article.id, { shares: shares.map(([userId, shareBps]) => ({ userId, shareBps })) });
    expect((await rejection(edit([[asha!.userId, 6_000], [jon!.userId, 3_000], [lena!.userId, 999]]))).message).toMatch(/add up to 9999 bps/);
    expect((await rejection(edit([[asha!.userId, 9_000], [jon!.userId, 0], [lena!.userId, 1_000]]))).message).toMatch(/no zero shares/);
    expect((await rejection(edit([[asha!.userId, 5_000], [asha!.userId, 4_000], [lena!.userId, 1_000]]))).message).toMatch(/appears twice/);
    expect((await rejection(edit([[asha!.userId, 9_000], [lena!.userId, 1_000]]))).message).toMatch(/Jón Einarsson is missing/);
    expect((await rejection(edit([[asha!.userId, 9_000], [jon!.userId, 500], [person("reader").id, 500]]))).message).toMatch(/Only the proposed payees/);
    expect((await rejection(edit([[asha!.userId, 6_000], [jon!.userId, 3_000], [lena!.userId, 1_000]], person("reader")))).code).toBe("NOT_FOUND");

    expect(await approveSplit(deps, person("author"), article.id)).toEqual({ allApproved: false });
    expect((await rejection(approveSplit(deps, person("reviewer"), article.id))).code).toBe("FORBIDDEN");
    expect((await rejection(publishArticle(deps, editor, article.id))).code).toBe("INVALID_TRANSITION");
    // An edit resets every approval.
    await edit([[asha!.userId, 6_000], [jon!.userId, 3_000], [lena!.userId, 1_000]], person("coauthor"));
    view = await articleView(deps, editor, article.id);
    expect(view.shares.map((s) => [s.shareBps, s.approved])).toEqual([[6_000, false], [3_000, false], [1_000, false]]);
    await approveSplit(deps, person("author"), article.id);
    expect(await approveSplit(deps, person("coauthor"), article.id)).toEqual({ allApproved: true });
    // Every payee now has a (local, funded) wallet to be paid into.
    for (const key of ["author", "coauthor", "reviewer"]) {
      const wallet = await database.db.query.userWallets.findFirst({ where: (w, { eq: equals }) => equals(w.userId, person(key).id) });
      expect(wallet?.kind).toBe("local");
    }
    expect((await rejection(publishArticle(deps, person("author"), article.id))).code).toBe("FORBIDDEN");
  });

  it("validates the JATS against the DTD at JATS_DTD_PATH and fails the JATS step with xmllint's message; without it, well-formedness only", async () => {
    const { submission } = await acceptedSubmission("DTD validation study");
    const editor = person("editor");
    await decide({ db: database.db }, editor, submission.id, { decision: "accept", letter: "Accepted: a clear and careful study." });
    const article = await proposeSplit(deps, person("author"), submission.id);
    await approveSplit(deps, person("author"), article.id);
    await approveSplit(deps, person("coauthor"), article.id);
    // A tiny DTD the produced JATS does not satisfy: an empty <article> with no attributes.
    const dtd = path.join(contentDir, "tiny.dtd");
    await writeFile(dtd, "<!ELEMENT article EMPTY>\n");
    const previous = process.env.JATS_DTD_PATH;
    process.env.JATS_DTD_PATH = dtd;
    try {
      const failed = await rejection(publishArticle(deps, editor, article.id));
      expect(failed.code).toBe("UNAVAILABLE");
      expect(failed.message).toMatch(/Write JATS 1\.3 XML failed .*does not validate against .*tiny\.dtd.*Element article was declared EMPTY.*publish again/s);
      const row = (await database.db.query.articles.findFirst({ where: eq(articles.id, article.id) }))!;
      expect(Object.fromEntries(Object.entries(row.steps).map(([k, v]) => [k, v!.status]))).toEqual({ freeze: "done", html: "done", jats: "failed" });
      expect(row.steps.jats!.detail).toMatch(/Element article was declared EMPTY/);
      expect(row.metadataHash).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.JATS_DTD_PATH;
      else process.env.JATS_DTD_PATH = previous;
    }
    // Without a DTD the same JATS passes (it is well-formed) and the retry publishes from the failed step.
    const published = await publishArticle(deps, editor, article.id);
    expect(published.status).toBe("published");
    expect(published.steps.jats!.status).toBe("done");
    expect(published.metadataHash).not.toBeNull();
  });

  /** Accepted, split approved by both authors and published. */
  async function publishedArticle(title: string, options: Parameters<typeof acceptedSubmission>[1]) {
    const { submission, noteId } = await acceptedSubmission(title, options);
    const editor = person("editor");
    await decide({ db: database.db }, editor, submission.id, { decision: "accept", letter: "Accepted: a clear and careful study." });
    if (noteId) {
      // Authors see the reviewer's notes once the decision is sent; they answer, and the reviewer follows up.
      await replyToAnnotation({ db: database.db }, person("author"), noteId, { body: "Two sensors failed in week one and were replaced." });
      await replyToAnnotation({ db: database.db }, person("reviewer"), noteId, { body: "Thank you, that answers it." });
    }
    const article = await proposeSplit(deps, person("author"), submission.id);
    await approveSplit(deps, person("author"), article.id);
    await approveSplit(deps, person("coauthor"), article.id);
    return publishArticle(deps, editor, article.id);
  }

  it("publishes consented open reviews and the authors' responses with the article, each at its own URL; nothing else", async () => {
    const open = await publishedArticle("Open review of sensor wear", { openConsent: true, secondReviewer: true, annotate: true });
    const { reviews } = await openReviews(deps, open.slug);
    // Only the consenting reviewer's review, named (open policy); the second reviewer did not consent.
    expect(reviews).toHaveLength(1);
    const [review] = reviews;
    expect(review).toMatchObject({ number: 1, path: `/articles/${open.slug}/reviews/1`, reviewer: "Dr Lena Okafor", round: 1, recommendation: "accept", summary: REVIEW.summary });
    expect(review!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(reviews)).not.toContain("second, anonymous opinion");
    expect(JSON.stringify(reviews)).not.toContain("confidential");
    // The reviewer's annotation with the authors' response (the reviewer's own follow-up is not a response).
    expect(review!.annotations).toHaveLength(1);
    expect(review!.annotations[0]).toMatchObject({ kind: "question", body: "How many sensors failed early?" });
    expect(review!.annotations[0]!.quote).toHaveLength(8);
    expect(review!.annotations[0]!.responses.map((r) => [r.author, r.body])).toEqual([["Dr Asha Rao", "Two sensors failed in week one and were replaced."]]);
    // The review's page, by number; its identifier is stable across reads.
    const one = await openReview(deps, open.slug, "1");
    expect(one.article).toEqual({ slug: open.slug, title: "Open review of sensor wear" });
    expect(one.review.id).toBe(review!.id);
    expect((await openReviews(deps, open.slug)).reviews[0]!.id).toBe(review!.id);
    for (const n of ["2", "0", "-1", "1x", "abc"]) expect((await rejection(openReview(deps, open.slug, n))).code).toBe("NOT_FOUND");
    expect((await rejection(openReview(deps, "no-such-article", "1"))).code).toBe("NOT_FOUND");

    // Open venue, reviewer did not consent: nothing is published.
    const unconsented = await publishedArticle("Open venue without consent", { openConsent: false });
    expect((await openReviews(deps, unconsented.slug)).reviews).toEqual([]);
    expect((await rejection(openReview(deps, unconsented.slug, "1"))).code).toBe("NOT_FOUND");

    // A single-blind venue publishes no reviews, even a consented one.
    const blind = await publishedArticle("Single-blind venue study", { venueSlug: "clinical-cases", openConsent: true });
    expect((await openReviews(deps, blind.slug)).reviews).toEqual([]);
    expect((await rejection(openReview(deps, blind.slug, "1"))).code).toBe("NOT_FOUND");
  });

  it("publishes step by step, retries a failed step without a second token, licenses, opens the text and pays out exactly", async () => {
    const { submission } = await acceptedSubmission("Sensor glucose in HNF1A-MODY");
    const editor = person("editor");
    await decide({ db: database.db }, editor, submission.id, { decision: "accept", letter: "Accepted: a clear and careful study." });
    const article = await proposeSplit(deps, person("author"), submission.id);
    await approveSplit(deps, person("author"), article.id);
    await approveSplit(deps, person("coauthor"), article.id);

    // The content store fails once: the steps before it are kept, the article is not minted.
    let failures = 1;
    const flaky: ContentStore = {
      ...store,
      put: async (bytes) => {
        if (failures-- > 0) throw new Error("connect ECONNREFUSED 127.0.0.1:5678");
        return store.put(bytes);
      },
    };
    const failed = await rejection(publishArticle({ ...deps, store: flaky }, editor, article.id, { priceWei: PRICE.toString(), licenceDays: "30" }));
    expect(failed.code).toBe("UNAVAILABLE");
    expect(failed.message).toMatch(/Encrypt and store .* failed .*ECONNREFUSED.*publish again/);
    let row = (await database.db.query.articles.findFirst({ where: eq(articles.id, article.id) }))!;
    expect(row.status).toBe("publishing");
    expect(Object.fromEntries(Object.entries(row.steps).map(([k, v]) => [k, v!.status]))).toEqual({ freeze: "done", html: "done", jats: "done", store: "failed" });
    expect(row.tokenId).toBeNull();

    const published = await publishArticle({ ...deps, store: flaky }, editor, article.id);
    expect(published.status).toBe("published");
    expect(Object.values(published.steps).every((s) => s!.status === "done")).toBe(true);
    expect(Object.keys(published.steps).sort()).toEqual(["authorise", "freeze", "html", "index", "jats", "mint", "store", "terms"]);
    const tokenId = BigInt(published.tokenId!);
    // Publishing again changes nothing: one token, one key row.
    const again = await publishArticle(deps, editor, article.id);
    expect(again.tokenId).toBe(published.tokenId);
    const minted = await database.db.select().from(articleContentKeys).where(and(eq(articleContentKeys.manuscriptId, article.manuscriptId), isNotNull(articleContentKeys.tokenId)));
    expect(minted).toHaveLength(1);
    expect(await chain.ownerOf(tokenId + 1n)).toBeNull();
    const ownerWallet = await database.db.query.userWallets.findFirst({ where: (w, { eq: equals }) => equals(w.userId, person("author").id) });
    expect(await chain.ownerOf(tokenId)).toBe(ownerWallet!.address);
    expect((await chain.intelligentDataOf(tokenId))!.storageRoot.toLowerCase()).toBe(published.contentRoot);

    // The public record: no text for a reader without a licence.
    const reader = person("reader");
    const before = await articleView(deps, reader, published.slug, { countView: true });
    expect(before.fullText).toBeNull();
    expect(before.article.abstract).toBe("Time in range rose with sensor use.");
    expect(before.authors).toEqual([
      { name: "Dr Asha Rao", orcid: "0000-0002-1825-0097", isCorresponding: true },
      { name: "Dr Jón Einarsson", orcid: "0000-0001-5109-3700", isCorresponding: false },
    ]);
    expect(before.contract).toMatchObject({ articleToken: chain.addresses.articleToken });
    expect(before.article.views).toBe(1);

    // The owner and the authorised co-author read it through the key service; the JATS is well-formed.
    const asOwner = await articleView(deps, person("author"), published.slug);
    expect(asOwner.fullText?.basis).toBe("owner");
    expect(asOwner.fullText?.html).toContain("Forty adolescents wore sensors for 12 weeks &amp; kept &lt;diaries&gt;.");
    expect((await articleView(deps, person("coauthor"), published.slug)).fullText?.basis).toBe("authorized");
    const jats = asOwner.fullText!.jats;
    const jatsFile = path.join(contentDir, "article.xml");
    await writeFile(jatsFile, jats);
    expect(() => execFileSync("/usr/bin/xmllint", ["--noout", jatsFile], { stdio: "pipe" })).not.toThrow();
    expect(jats).toContain('dtd-version="1.3"');
    expect(jats).toContain('<contrib-id contrib-id-type="orcid" authenticated="false">https://orcid.org/0000-0001-5109-3700</contrib-id>');
    expect(jats).toContain("<sec id=\"sec-1\"><title>Methods</title>");
    expect(jats).toMatch(/<element-citation publication-type="other"><comment>Battelino T, et al\./);
    expect(jats).toContain("<permissions><copyright-statement>");
    expect(jats).not.toMatch(/<sec[^>]*><title>References<\/title>/);

    // The PDF is printed from the decrypted text by headless chromium; a reader without a licence gets none.
    const { pdf } = await articlePdf(deps, person("author"), published.slug);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    expect((await rejection(articlePdf(deps, person("reader"), published.slug))).code).toBe("FORBIDDEN");

    // The reader pays the exact price from a local wallet and the full text opens.
    const { licence } = await licenseArticle(deps, reader, published.slug);
    expect(licence!.priceWei).toBe(PRICE.toString());
    expect(licence!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await rejection(licenseArticle(deps, reader, published.slug))).code).toBe("CONFLICT");
    const after = await articleView(deps, reader, published.slug, { countView: true });
    expect(after.fullText?.basis).toBe("license");
    expect(after.fullText?.html).toContain("Results: time in range rose.");
    expect(after.article.reads).toBe(1);
    expect(after.licenceCount).toBe(1);
    expect((await myLicences(deps, reader)).map((l) => [l.title, l.valid])).toEqual([["Sensor glucose in HNF1A-MODY", true]]);

    // Earnings: the contract's arithmetic (floor per payee, dust to the first), withdrawn exactly.
    const bps = after.shares.map((s) => s.shareBps);
    expect(bps[2]).toBe(1_000);
    const [ashaCredit, jonCredit, lenaCredit] = creditsOf(PRICE, bps);
    expect(lenaCredit).toBe((PRICE * 1_000n) / 10_000n);
    expect(ashaCredit! + jonCredit! + lenaCredit!).toBe(PRICE);
    expect(ashaCredit! - (PRICE * BigInt(bps[0]!)) / 10_000n).toBeGreaterThan(0n);
    const ashaEarnings = await earningsOf(deps, person("author"));
    expect(ashaEarnings.articles.find((a) => a.id === article.id)!.creditedWei).toBe(ashaCredit!.toString());
    expect(ashaEarnings.payments[0]).toMatchObject({ priceWei: PRICE.toString(), creditedWei: ashaCredit!.toString() });
    const ashaWithdrawal = await withdrawEarnings(deps, person("author"));
    expect(ashaWithdrawal.amountWei).toBe(ashaCredit);
    const lenaWithdrawal = await withdrawEarnings(deps, person("reviewer"));
    expect(lenaWithdrawal.amountWei).toBe(lenaCredit);
    expect((await earningsOf(deps, person("reviewer"))).balances.every((b) => b.withdrawableWei === "0")).toBe(true);
    expect((await earningsOf(deps, person("reviewer"))).withdrawals.map((w) => w.amountWei)).toEqual([lenaCredit!.toString()]);
    expect((await rejection(withdrawEarnings(deps, person("reviewer")))).message).toMatch(/nothing to withdraw/);
  });

  it("an institutional licence bought by a verified member opens the text to every verified member of that institution only", async () => {
    const article = await publishedArticle(`Institutional reading ${kind}`, {});
    const [x, y] = await database.db
      .insert(institutions)
      .values([
        { name: `Institution X (${kind} test)`, country: "GB" },
        { name: `Institution Y (${kind} test)`, country: "FR" },
      ])
      .returning();
    const [a, b, c, d] = [person("admin"), person("clinician"), person("patient"), person("instadmin")];
    await database.db.insert(institutionMemberships).values([
      { institutionId: x!.id, userId: a.id, status: "verified" },
      { institutionId: x!.id, userId: b.id, status: "verified" },
      { institutionId: x!.id, userId: c.id, status: "pending" },
      { institutionId: y!.id, userId: d.id, status: "verified" },
    ]);
    for (const who of [a, b, c, d]) expect((await articleView(deps, who, article.slug)).fullText).toBeNull();
    // Only for an institution where the buyer's own membership is verified.
    expect((await rejection(licenseArticle(deps, c, article.slug, { institutionId: x!.id }))).code).toBe("FORBIDDEN");
    expect((await rejection(licenseArticle(deps, a, article.slug, { institutionId: y!.id }))).code).toBe("FORBIDDEN");
    expect((await rejection(licenseArticle(deps, a, article.slug, { institutionId: "not-a-uuid" }))).code).toBe("VALIDATION");
    expect((await articleView(deps, a, article.slug)).myInstitutions.map((i) => i.id)).toEqual([x!.id]);

    const { licence } = await licenseArticle(deps, a, article.slug, { institutionId: x!.id });
    expect(licence).toMatchObject({ institutionId: x!.id, userId: a.id, priceWei: institutionalPriceWei(article.priceWei) });
    const row = await database.db.query.articleLicences.findFirst({ where: eq(articleLicences.id, licence!.id) });
    expect(row!.institutionId).toBe(x!.id);
    expect((await rejection(licenseArticle(deps, b, article.slug, { institutionId: x!.id }))).code).toBe("CONFLICT");

    // The buyer reads by the licence; verified member B reads through the institution; C (pending) and D (elsewhere) do not.
    expect((await articleView(deps, a, article.slug)).fullText?.basis).toBe("license");
    const asB = await articleView(deps, b, article.slug);
    expect(asB.fullText?.basis).toBe("institution");
    expect(asB.fullText?.institution).toBe(x!.name);
    expect(asB.fullText?.html).toContain("Forty adolescents wore sensors");
    expect((await articleView(deps, c, article.slug)).fullText).toBeNull();
    expect((await articleView(deps, d, article.slug)).fullText).toBeNull();

    // Once the membership is no longer verified, or the licence has expired, B reads no more.
    await database.db.update(institutionMemberships).set({ status: "rejected" }).where(and(eq(institutionMemberships.institutionId, x!.id), eq(institutionMemberships.userId, b.id)));
    expect((await articleView(deps, b, article.slug)).fullText).toBeNull();
    await database.db.update(institutionMemberships).set({ status: "verified" }).where(and(eq(institutionMemberships.institutionId, x!.id), eq(institutionMemberships.userId, b.id)));
    expect((await articleView(deps, b, article.slug)).fullText?.basis).toBe("institution");
    const later = { ...deps, now: () => new Date(row!.expiresAt!.getTime() + 1000) };
    expect((await articleView(later, b, article.slug)).fullText).toBeNull();
  });
});
