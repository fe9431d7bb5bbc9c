import type { LoaderFunctionArgs } from "@remix-run/node";
import { articleView, publishingDeps } from "~/modules/publishing/index.server";
import { requireUser } from "~/utils/auth.server";
import { rethrowAsResponse } from "~/utils/http.server";

/** The article's JATS 1.3 XML, decrypted for those the chain lets read it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await Promise.resolve()
    .then(() => articleView(publishingDeps(), user, params.slug ?? ""))
    .catch(rethrowAsResponse);
  if (!view.fullText) throw new Response("Buy a licence to download the full text.", { status: 403 });
  return new Response(view.fullText.jats, {
    headers: { "content-type": "application/jats+xml; charset=utf-8", "content-disposition": `attachment; filename="${view.article.slug}.xml"` },
  });
}
