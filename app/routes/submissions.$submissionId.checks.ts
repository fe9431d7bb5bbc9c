import type { LoaderFunctionArgs } from "@remix-run/node";
import { llmConfigFromEnv } from "~/modules/review-assist/llm/index.server";
import { mayRunChecks, runSubmissionChecks } from "~/modules/review/index.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getServerEnv } from "~/utils/env.server";
import { isDomainError } from "~/utils/errors";

/** Server-sent events: `progress` while the checks run, then `result` (or `failure` with a message). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const submissionId = params.submissionId ?? "";
  if (!(await mayRunChecks({ db: db() }, user, submissionId))) return Response.json({ message: "No such submission." }, { status: 404 });
  const env = getServerEnv();
  const llm = llmConfigFromEnv({ OPENAI_BASE_URL: env.OPENAI_BASE_URL, OPENAI_API_KEY: env.OPENAI_API_KEY ?? (env.OPENAI_BASE_URL ? "not-needed" : undefined), OPENAI_MODEL: env.OPENAI_MODEL });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      try {
        const result = await runSubmissionChecks({ db: db() }, user, submissionId, { llm, onProgress: (p) => send("progress", p), signal: request.signal });
        send("result", result);
      } catch (error) {
        if (!isDomainError(error)) console.error(error);
        send("failure", { message: isDomainError(error) ? error.message : "The checks stopped unexpectedly; please try again." });
      }
      controller.close();
    },
  });
  // no-transform keeps the compression middleware from buffering the stream.
  return new Response(stream, { headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store, no-transform", "X-Accel-Buffering": "no" } });
}
