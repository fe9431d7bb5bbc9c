// Optional DTD validation of the JATS a publication writes: with JATS_DTD_PATH set to the JATS 1.3 Publishing DTD,
// xmllint validates against it; without it the XML is only checked for well-formedness (by the caller's parser).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const XMLLINT = "/usr/bin/xmllint";

/** Null when the JATS is valid (or no DTD is configured); otherwise xmllint's message. */
export async function jatsDtdProblems(jats: string, dtdPath: string | undefined = process.env.JATS_DTD_PATH): Promise<string | null> {
  if (!dtdPath) return null;
  const dir = await mkdtemp(path.join(tmpdir(), "mednexus-jats-"));
  try {
    const file = path.join(dir, "article.xml");
    await writeFile(file, jats);
    return await new Promise<string | null>((resolve, reject) => {
      execFile(XMLLINT, ["--noout", "--nonet", "--dtdvalid", dtdPath, file], { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
        if (!error) return resolve(null);
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return reject(new Error(`xmllint is not installed at ${XMLLINT}`));
        const message = String(stderr).split(file).join("article.xml").trim();
        resolve(message || error.message);
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
