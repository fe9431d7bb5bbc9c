import type { LoaderFunctionArgs } from "@remix-run/node";
import { articlePdf, publishingDeps } from "~/modules/publishing/index.server";
import { requireUser } from "~/utils/auth.server";
import { rethrowAsResponse } from "~/utils/http.server";

/** The article printed to PDF (headless chromium), for those the chain lets read it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { slug, pdf } = await Promise.resolve()
    .then(() => articlePdf(publishingDeps(), user, params.slug ?? ""))
    .catch(rethrowAsResponse);
  return new Response(pdf, { headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${slug}.pdf"` } });
}
