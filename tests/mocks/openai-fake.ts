// An OpenAI-compatible HTTP server on loopback for tests: POST /v1/chat/completions and POST /v1/embeddings.
// Scripted per test with a queue of replies or a handler function; records every request it receives.
import { createHash } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body (or the raw text when it was not JSON). */
  body: any;
}

/** What the fake does with one chat completion request. */
export type FakeReply =
  /** A completion whose message content is `JSON.stringify(content)`. */
  | { type: "json"; content: unknown; usage?: FakeUsage; model?: string; finishReason?: "stop" | "length" }
  /** A completion whose message content is this text as it is (not JSON, for a malformed reply). */
  | { type: "text"; content: string; usage?: FakeUsage; model?: string; finishReason?: "stop" | "length" }
  /** A completion whose message is a refusal. */
  | { type: "refusal"; refusal: string }
  /** An HTTP error with an OpenAI-style error body. */
  | { type: "status"; status: number; message?: string }
  /** Never answers: the connection stays open until the client gives up or the fake is closed. */
  | { type: "hang" };

export type ChatHandler = (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export const reply = {
  json: (content: unknown, usage?: FakeUsage): FakeReply => ({ type: "json", content, usage }),
  text: (content: string, usage?: FakeUsage): FakeReply => ({ type: "text", content, usage }),
  refusal: (refusal: string): FakeReply => ({ type: "refusal", refusal }),
  status: (status: number, message?: string): FakeReply => ({ type: "status", status, message }),
  hang: (): FakeReply => ({ type: "hang" }),
};

export interface OpenAIFakeOptions {
  /** Replies served in order, one per chat request; when the queue is empty the handler (if any) answers. */
  replies?: FakeReply[];
  handler?: ChatHandler;
  apiKey?: string;
  /** Default vector length for /v1/embeddings when the request does not ask for `dimensions`. */
  embeddingDimensions?: number;
  /** Overrides the deterministic hash-based embedding. */
  embed?: (input: string, dimensions: number) => number[];
  /** Port on 127.0.0.1; default a free one. Browser tests use a fixed one the app server is configured with. */
  port?: number;
}

export interface OpenAIFake {
  /** Pass as the SDK's `baseURL` (ends in /v1). */
  baseURL: string;
  apiKey: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  /** The usage blocks sent with chat replies, in order. */
  sentUsage: FakeUsage[];
  enqueue(...replies: FakeReply[]): void;
  setHandler(handler: ChatHandler): void;
  close(): Promise<void>;
}

/** The text of every user message of a chat request, joined. */
export function userPrompt(request: RecordedRequest): string {
  const messages: Array<{ role: string; content: unknown }> = request.body?.messages ?? [];
  return messages
    .filter((m) => m.role === "user")
    .map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)))
    .join("\n");
}

/** A deterministic unit vector derived from the text, so equal inputs embed equally. */
export function hashEmbedding(input: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let i = 0; values.length < dimensions; i++) {
    const digest = createHash("sha256").update(`${i}:${input}`).digest();
    for (let j = 0; j + 4 <= digest.length && values.length < dimensions; j += 4) values.push(digest.readUInt32LE(j) / 0xffffffff - 0.5);
  }
  const norm = Math.hypot(...values) || 1;
  return values.map((v) => v / norm);
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function errorBody(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export async function startOpenAIFake(options: OpenAIFakeOptions = {}): Promise<OpenAIFake> {
  const apiKey = options.apiKey ?? "sk-fake-test-key";
  const queue: FakeReply[] = [...(options.replies ?? [])];
  let handler = options.handler;
  const requests: RecordedRequest[] = [];
  const sentUsage: FakeUsage[] = [];
  let chatCount = 0;
  let completionId = 0;

  const completion = (request: RecordedRequest, message: Record<string, unknown>, finishReason: string, usage: FakeUsage, model?: string) => ({
    id: `chatcmpl-fake-${++completionId}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: model ?? `${request.body?.model ?? "fake-model"}-fake`,
    choices: [{ index: 0, message: { role: "assistant", refusal: null, ...message }, finish_reason: finishReason, logprobs: null }],
    usage,
  });

  const chat = async (request: RecordedRequest, res: ServerResponse) => {
    const index = chatCount++;
    const next = queue.shift() ?? (handler ? await handler(request, index) : undefined);
    if (!next) {
      send(res, 500, errorBody(`openai-fake: no reply scripted for chat request ${index + 1}`, "server_error"));
      return;
    }
    if (next.type === "hang") return;
    if (next.type === "status") {
      const type = next.status >= 500 ? "server_error" : "invalid_request_error";
      send(res, next.status, errorBody(next.message ?? `openai-fake: scripted HTTP ${next.status}`, type));
      return;
    }
    const promptTokens = estimateTokens(JSON.stringify(request.body?.messages ?? []));
    if (next.type === "refusal") {
      const usage = { prompt_tokens: promptTokens, completion_tokens: 10, total_tokens: promptTokens + 10 };
      sentUsage.push(usage);
      send(res, 200, completion(request, { content: null, refusal: next.refusal }, "stop", usage));
      return;
    }
    const content = next.type === "json" ? JSON.stringify(next.content) : next.content;
    const completionTokens = estimateTokens(content);
    const usage = next.usage ?? { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    sentUsage.push(usage);
    send(res, 200, completion(request, { content }, next.finishReason ?? "stop", usage, next.model));
  };

  const embeddings = (request: RecordedRequest, res: ServerResponse) => {
    const body = request.body ?? {};
    const inputs: unknown[] = Array.isArray(body.input) ? body.input : [body.input];
    if (inputs.length === 0 || inputs.some((i) => typeof i !== "string")) {
      send(res, 400, errorBody("openai-fake: input must be a string or an array of strings", "invalid_request_error"));
      return;
    }
    const dimensions: number = body.dimensions ?? options.embeddingDimensions ?? 8;
    const embed = options.embed ?? hashEmbedding;
    // The SDK asks for base64 unless the caller passes encoding_format: "float", and decodes it itself.
    const asFloat = body.encoding_format === "float";
    const data = (inputs as string[]).map((input, index) => {
      const vector = embed(input, dimensions);
      const embedding = asFloat ? vector : Buffer.from(new Float32Array(vector).buffer).toString("base64");
      return { object: "embedding", index, embedding };
    });
    const tokens = (inputs as string[]).reduce((sum, i) => sum + estimateTokens(i), 0);
    send(res, 200, { object: "list", data, model: body.model ?? "fake-embedding", usage: { prompt_tokens: tokens, total_tokens: tokens } });
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? "/").split("?")[0];
      const request: RecordedRequest = { method: req.method ?? "GET", path, headers: req.headers, body };
      requests.push(request);
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        send(res, 401, errorBody("openai-fake: incorrect API key provided", "invalid_request_error", "invalid_api_key"));
        return;
      }
      if (req.method === "POST" && path === "/v1/chat/completions") return chat(request, res);
      if (req.method === "POST" && path === "/v1/embeddings") return embeddings(request, res);
      send(res, 404, errorBody(`openai-fake: no route ${req.method} ${path}`, "invalid_request_error"));
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody(`openai-fake: handler failed: ${String(error)}`, "server_error"));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    chatRequests: () => requests.filter((r) => r.path === "/v1/chat/completions"),
    sentUsage,
    enqueue: (...replies) => queue.push(...replies),
    setHandler: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging requests and idle keep-alive sockets would keep close() waiting.
        server.closeAllConnections();
      }),
  };
}
