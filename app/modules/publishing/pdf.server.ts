// PDF of an article: headless chromium prints the standalone HTML document (no network, a throwaway profile).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DomainError } from "../../utils/errors";

const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer"];

export async function printPdf(html: string, options: { chromiumPath?: string; timeoutMs?: number } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const chromium = options.chromiumPath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const dir = await mkdtemp(path.join(tmpdir(), "mednexus-pdf-"));
  try {
    const input = path.join(dir, "article.html");
    const output = path.join(dir, "article.pdf");
    await writeFile(input, html);
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromium,
        [...CHROMIUM_FLAGS, `--user-data-dir=${path.join(dir, "profile")}`, `--print-to-pdf=${output}`, pathToFileURL(input).href],
        { timeout: options.timeoutMs ?? 60_000 },
        (error) => (error ? reject(new DomainError("UNAVAILABLE", `The PDF could not be printed (${error.message.split("\n")[0]}); the HTML and JATS are available.`)) : resolve()),
      );
    });
    const pdf = await readFile(output).catch(() => {
      throw new DomainError("UNAVAILABLE", "The PDF printer produced no file; the HTML and JATS are available.");
    });
    const bytes = new Uint8Array(new ArrayBuffer(pdf.byteLength));
    bytes.set(pdf);
    return bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
