import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { articleJats, escapeXml } from "./jats";
import { apportion, articleSlug, creditsOf, proposeShares, splitProblems } from "./model";

describe("revenue split rules", () => {
  it("apportions exactly, at least 1 bps each, largest remainders first", () => {
    expect(apportion(9_000, [3, 1])).toEqual([6_750, 2_250]);
    expect(apportion(10_000, [1, 1, 1])).toEqual([3_334, 3_333, 3_333]);
    expect(apportion(9_000, [100, 0])).toEqual([8_999, 1]);
    expect(apportion(1_000, [0, 0])).toEqual([500, 500]);
    for (const weights of [[7, 13, 29], [1, 0, 0, 5], [123_456, 1]]) expect(apportion(9_001, weights).reduce((a, b) => a + b, 0)).toBe(9_001);
  });

  it("gives reviewers the venue's share evenly and authors the rest by contribution, authors first", () => {
    const shares = proposeShares({ authors: [{ userId: "a", characters: 300 }, { userId: "b", characters: 100 }], reviewerIds: ["r1", "r2"], reviewerShareBps: 1_000 });
    expect(shares.map((s) => [s.userId, s.role, s.shareBps])).toEqual([
      ["a", "author", 6_750],
      ["b", "author", 2_250],
      ["r1", "reviewer", 500],
      ["r2", "reviewer", 500],
    ]);
    // Without reviewers the authors share everything; an author who also reviewed is paid once, as author.
    expect(proposeShares({ authors: [{ userId: "a", characters: 1 }], reviewerIds: ["a"], reviewerShareBps: 1_000 })).toEqual([{ userId: "a", role: "author", shareBps: 10_000, measuredCharacters: 1 }]);
  });

  it("names every problem of a split the contract would refuse", () => {
    expect(splitProblems([{ userId: "a", role: "author", shareBps: 10_000 }])).toEqual([]);
    expect(splitProblems([{ userId: "a", role: "author", shareBps: 9_999 }])).toEqual(["The shares add up to 9999 bps; they must add up to exactly 10000 (100%)."]);
    expect(splitProblems([{ userId: "a", role: "author", shareBps: 10_000 }, { userId: "r", role: "reviewer", shareBps: 0 }])[0]).toMatch(/no zero shares/);
    expect(splitProblems([{ userId: "a", role: "author", shareBps: 5_000 }, { userId: "a", role: "author", shareBps: 5_000 }])[0]).toMatch(/appears twice/);
    expect(splitProblems([{ userId: "r", role: "reviewer", shareBps: 10_000 }])).toEqual(["At least one author must be paid."]);
    expect(splitProblems([])).toEqual(["The split has no payees."]);
  });

  it("credits like the contract: floor per payee, the dust to the first", () => {
    expect(creditsOf(1_003n, [5_000, 3_000, 2_000])).toEqual([503n, 300n, 200n]);
    expect(creditsOf(7n, [3_334, 3_333, 3_333])).toEqual([3n, 2n, 2n]);
  });

  it("makes stable, readable slugs", () => {
    expect(articleSlug("Étude: CGM in HNF1A-MODY (2026)!", "1b2c3d4e-0000-4000-8000-000000000000")).toBe("etude-cgm-in-hnf1a-mody-2026-1b2c3d4e");
    expect(articleSlug("???", "abcdef01-0000-4000-8000-000000000000")).toBe("article-abcdef01");
  });
});

describe("JATS writer", () => {
  it("escapes markup and drops characters XML forbids", () => {
    expect(escapeXml(`a<b>&"c"\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;");
  });

  it("writes well-formed JATS 1.3 with contributors, sections, references and permissions", () => {
    const xml = articleJats({
      articleId: "1b2c3d4e-0000-4000-8000-000000000000",
      slug: "cgm-1b2c3d4e",
      title: "CGM <in> MODY & more",
      abstract: "Time in range rose.",
      keywords: ["glucose", "MODY"],
      articleType: "case-report",
      journalTitle: "Journal of Clinical Cases",
      contributors: [{ name: "Asha Rao", orcid: "0000-0002-1825-0097", corresponding: true }, { name: "Plato", orcid: null, corresponding: false }],
      publishedAt: new Date("2026-11-22T05:00:00Z"),
      copyrightHolder: "Asha Rao, Plato",
      doc: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Preamble " }, { type: "text", text: "bold", marks: [{ type: "bold" }] }, { type: "citation", attrs: { refId: "smith 2020", label: "[1]" } }] },
          { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Methods" }] },
          { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] }] },
          { type: "blockMath", attrs: { latex: "a<b" } },
          { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "References" }] },
          { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Smith J. A study. 2020." }] }] }] },
        ],
      },
    });
    const dir = mkdtempSync(path.join(tmpdir(), "mednexus-jats-"));
    try {
      writeFileSync(path.join(dir, "a.xml"), xml);
      expect(() => execFileSync("/usr/bin/xmllint", ["--noout", path.join(dir, "a.xml")], { stdio: "pipe" })).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(xml).toContain('article-type="case-report"');
    expect(xml).toContain("<article-title>CGM &lt;in&gt; MODY &amp; more</article-title>");
    expect(xml).toContain('<contrib contrib-type="author" corresp="yes"><contrib-id contrib-id-type="orcid" authenticated="false">https://orcid.org/0000-0002-1825-0097</contrib-id><name><surname>Rao</surname><given-names>Asha</given-names></name></contrib>');
    expect(xml).toContain('<contrib contrib-type="author"><name><surname>Plato</surname></name></contrib>');
    expect(xml).toContain('<xref ref-type="bibr" rid="ref-smith_2020">[1]</xref>');
    expect(xml).toContain('<sec id="sec-2"><title>Methods</title><list list-type="bullet"><list-item><p>one</p></list-item></list><disp-formula><tex-math>a&lt;b</tex-math></disp-formula></sec>');
    expect(xml).toContain('<ref id="ref-list-1"><label>1</label><element-citation publication-type="other"><comment>Smith J. A study. 2020.</comment></element-citation></ref>');
    expect(xml).toContain('<ref id="ref-smith_2020">');
    expect(xml).toContain("<copyright-year>2026</copyright-year>");
  });
});
