// The OpenAI-compatible fake in tests/mocks, driven through the real openai SDK.
import OpenAI from "openai";
import { hashEmbedding, reply, startOpenAIFake, type OpenAIFake } from "../../../../tests/mocks/openai-fake";

let fake: OpenAIFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const clientFor = (server: OpenAIFake) => new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0, timeout: 5_000 });
const asFloat32 = (values: number[]) => Array.from(new Float32Array(values));

describe("openai-fake /v1/embeddings", () => {
  it("answers base64 when the SDK is left to its default, which the SDK decodes", async () => {
    fake = await startOpenAIFake({ embeddingDimensions: 6 });
    const result = await clientFor(fake).embeddings.create({ model: "text-embedding-3-small", input: ["insulinoma", "seizure"] });
    expect(fake.requests[0].body.encoding_format).toBe("base64");
    expect(result.data.map((d) => d.embedding)).toEqual([asFloat32(hashEmbedding("insulinoma", 6)), asFloat32(hashEmbedding("seizure", 6))]);
  });

  it("answers plain floats when encoding_format is float", async () => {
    fake = await startOpenAIFake({});
    const result = await clientFor(fake).embeddings.create({ model: "m", input: "insulinoma", encoding_format: "float", dimensions: 4 });
    expect(fake.requests[0].body.encoding_format).toBe("float");
    expect(result.data[0].embedding).toEqual(hashEmbedding("insulinoma", 4));
    expect(Math.hypot(...result.data[0].embedding)).toBeCloseTo(1, 10);
  });

  it("returns the base64 string as it is when the caller asks for base64", async () => {
    fake = await startOpenAIFake({ embed: () => [0.5, -0.25] });
    const result = await clientFor(fake).embeddings.create({ model: "m", input: "x", encoding_format: "base64" });
    const encoded = result.data[0].embedding as unknown as string;
    const buffer = Buffer.from(encoded, "base64");
    expect(Array.from(new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4))).toEqual([0.5, -0.25]);
  });
});

describe("openai-fake /v1/chat/completions", () => {
  it("serves queued replies first, then the handler, and records every request", async () => {
    fake = await startOpenAIFake({ replies: [reply.json({ answer: 1 })], handler: (_request, index) => reply.text(`handled ${index}`) });
    const client = clientFor(fake);
    const ask = (content: string) => client.chat.completions.create({ model: "m", messages: [{ role: "user", content }] });
    expect((await ask("first")).choices[0].message.content).toBe('{"answer":1}');
    expect((await ask("second")).choices[0].message.content).toBe("handled 1");
    expect(fake.chatRequests().map((r) => r.body.messages[0].content)).toEqual(["first", "second"]);
  });

  it("answers 500 when nothing is scripted, so a forgotten reply is visible", async () => {
    fake = await startOpenAIFake({});
    await expect(clientFor(fake).chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({
      status: 500,
    });
  });

  it("closes cleanly while a request hangs", async () => {
    fake = await startOpenAIFake({ replies: [reply.hang()] });
    const pending = clientFor(fake).chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });
    const outcome = pending.then(
      () => "answered",
      () => "failed",
    );
    while (fake.chatRequests().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await fake.close();
    fake = null;
    expect(await outcome).toBe("failed");
  });
});
