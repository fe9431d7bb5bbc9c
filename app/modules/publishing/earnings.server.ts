// Revenue of authors and reviewers: what the contract credited them per article, what they can withdraw, and history.
import { getAddress } from "ethers";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import type { SessionUser } from "../identity/model";
import { signerFor, type PublishingDeps } from "./deps.server";
import { creditsOf } from "./model";
import * as q from "./queries.server";

export async function earningsOf(deps: PublishingDeps, actor: SessionUser) {
  const rows = (await q.articlesOfShareholder(deps.db, actor.id)).filter((r) => r.article.status === "published");
  const licences = await q.licencesOfArticles(deps.db, rows.map((r) => r.article.id));
  const articles = [];
  const payments = [];
  for (const { article, share } of rows) {
    const shares = await q.sharesOf(deps.db, article.id);
    const index = shares.findIndex((s) => s.userId === actor.id);
    let creditedWei = 0n;
    for (const licence of licences.filter((l) => l.articleId === article.id)) {
      const mine = creditsOf(BigInt(licence.priceWei), shares.map((s) => s.shareBps))[index]!;
      creditedWei += mine;
      payments.push({ at: licence.createdAt, title: article.title, slug: article.slug, priceWei: licence.priceWei, creditedWei: mine.toString(), txHash: licence.txHash });
    }
    articles.push({ id: article.id, title: article.title, slug: article.slug, role: share.role, shareBps: share.shareBps, payeeAddress: share.payeeAddress, licences: licences.filter((l) => l.articleId === article.id).length, creditedWei: creditedWei.toString() });
  }
  const wallets = await q.walletsOf(deps.db, [actor.id]);
  const balances = await Promise.all(wallets.map(async (w) => ({ address: w.address, kind: w.kind, withdrawableWei: (await deps.chain.withdrawableOf(w.address)).toString() })));
  const withdrawals = await q.withdrawalsOf(deps.db, actor.id);
  payments.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { articles, payments, balances, withdrawals, canWithdraw: deps.localWallets !== null };
}

/** Withdraws everything credited to the user's local wallet, across all articles. */
export async function withdrawEarnings(deps: PublishingDeps, actor: SessionUser) {
  const payee = await signerFor(deps, actor.id);
  const available = await deps.chain.withdrawableOf(payee.address);
  if (available === 0n) throw new DomainError("VALIDATION", "There is nothing to withdraw yet: revenue arrives when readers buy licences.");
  const withdrawal = await deps.chain.withdraw(payee).catch((error: Error) => {
    throw new DomainError("UNAVAILABLE", `The withdrawal failed on chain (${error.message}); your balance is untouched, try again.`);
  });
  await q.insertWithdrawal(deps.db, { userId: actor.id, address: getAddress(payee.address), amountWei: withdrawal.amountWei.toString(), txHash: withdrawal.txHash });
  await recordAudit(deps.db, { actorId: actor.id, action: "earnings.withdrawn", subjectType: "user", subjectId: actor.id, data: { amountWei: withdrawal.amountWei.toString(), txHash: withdrawal.txHash } });
  return withdrawal;
}
