import { type BlockInput, manuscriptFromBlocks } from "./model";
import { examineDoi, findCitations, parseReferences, referenceFindings } from "./references";

const body = (text: string): BlockInput => ({ id: `p${text.length}`, type: "paragraph", text });
const ref = (text: string): BlockInput => ({ id: `r${text.length}`, type: "reference", text });
const manuscript = (...blocks: BlockInput[]) => manuscriptFromBlocks({ blocks, articleType: "original-research" });

describe("examineDoi", () => {
  it("accepts Crossref-style DOIs and strips sentence punctuation", () => {
    expect(examineDoi("10.1016/s0025-6196(12)62083-7.")).toMatchObject({ doi: "10.1016/s0025-6196(12)62083-7", problem: null });
    expect(examineDoi("doi:10.1136/bmj.n71")).toMatchObject({ doi: "10.1136/bmj.n71", problem: null });
    expect(examineDoi("10.1000/abc123),")).toMatchObject({ doi: "10.1000/abc123", problem: null });
  });

  it("rejects malformed DOIs", () => {
    expect(examineDoi("10.12/abc").problem).toBe("malformed");
    expect(examineDoi("10.1016/").problem).toBe("malformed");
    expect(examineDoi("10.1016/j.cell<2020>").problem).toBe("malformed");
  });

  it("warns about punctuation glued to a DOI link", () => {
    expect(examineDoi("https://doi.org/10.1136/bmj.n71),").problem).toBe("trailing-punctuation");
  });
});

describe("citations", () => {
  it("reads numeric citations with ranges and lists", () => {
    const m = manuscript(body("As shown [1], [2-4] and [5,7]; see also [9–10]."));
    expect(findCitations(m).map((c) => c.numbers)).toEqual([[1], [2, 3, 4], [5, 7], [9, 10]]);
  });

  it("reads author–year citations, parenthetical and narrative, but not dates", () => {
    const m = manuscript(body("Known (Smith et al., 2020; Jones & Lee 2019a). Brown and Green (2018) agreed. Seen (March 2019)."));
    expect(findCitations(m).map((c) => c.authorYear)).toEqual([
      { author: "Smith", year: "2020" },
      { author: "Jones", year: "2019a" },
      { author: "Brown", year: "2018" },
    ]);
  });
});

describe("referenceFindings", () => {
  it("finds numeric citations without a reference and references never cited", () => {
    const m = manuscript(
      body("Insulinoma is rare [1]. Others disagree [2,4]."),
      ref("1. Service FJ. Functioning insulinoma. Mayo Clin Proc. 1991;66:711-9."),
      ref("2. Graves TD. Misdiagnosis of seizures. J Neurol. 2004;75:1091-2."),
      ref("3. Grant CS. Insulinoma. Best Pract Res. 2005;19:783-98."),
    );
    const findings = referenceFindings(m);
    expect(findings.map((f) => [f.code, f.quote.exact])).toEqual([
      ["ref.citation-without-reference", "[2,4]"],
      ["ref.uncited-reference", "3. Grant CS. Insulinoma. Best Pract Res. 2005;19:783-98."],
    ]);
    expect(findings[0].message).toContain("reference 4");
  });

  it("reads several years of one author and several authors in one parenthesis", () => {
    const m = manuscript(body("Known (e.g., Smith et al., 2020a, 2020b; Jones & Lee 2019)."));
    expect(findCitations(m).map((c) => [c.authorYear?.author, c.authorYear?.year, m.text.slice(c.start, c.end)])).toEqual([
      ["Smith", "2020a", "Smith et al., 2020a"],
      ["Smith", "2020b", "2020b"],
      ["Jones", "2019", "Jones & Lee 2019"],
    ]);
  });

  it("matches author–year citations to the first author and year", () => {
    const m = manuscript(
      body("This was shown before (Smith et al., 2020) but not by Doe (2017)."),
      ref("Smith, J., & Jones, K. (2020). Hypoglycaemia in adults. Lancet, 1, 1-2."),
      ref("van der Berg, A. (2015). An uncited paper on tumours. BMJ, 2, 3-4."),
    );
    expect(referenceFindings(m).map((f) => [f.code, f.quote.exact])).toEqual([
      ["ref.citation-without-reference", "Doe (2017)"],
      ["ref.uncited-reference", "van der Berg, A. (2015). An uncited paper on tumours. BMJ, 2, 3-4."],
    ]);
  });

  it("finds malformed DOIs and duplicate references by DOI or title", () => {
    const m = manuscript(
      body("See [1-4]."),
      ref("1. Page MJ, McKenzie JE. The PRISMA 2020 statement: an updated guideline. BMJ. 2021;372:n71. doi:10.1136/bmj.n71"),
      ref("2. Page M. PRISMA statement. BMJ 2021. https://doi.org/10.1136/BMJ.N71"),
      ref("3. Gagnier JJ. The CARE guidelines: consensus-based clinical case reporting. Glob Adv Health Med. 2013. doi:10.7453/ gahmj.2013.008"),
      ref("4. Gagnier J, Kienle G. The CARE guidelines: consensus-based clinical case reporting. J Diet Suppl. 2013;10:381-90."),
    );
    const findings = referenceFindings(m);
    expect(findings.map((f) => [f.code, f.quote.exact.slice(0, 20)])).toEqual([
      ["ref.duplicate-reference", "2. Page M. PRISMA st"],
      ["ref.malformed-doi", "doi:10.7453/"],
      ["ref.duplicate-reference", "4. Gagnier J, Kienle"],
    ]);
    expect(findings[0].message).toContain("same DOI");
    expect(findings[2].message).toContain("same title");
  });

  it("does not take page numbers or decimals for DOIs", () => {
    const m = manuscript(body("See [1]."), ref("1. Smith A. Falls. N Engl J Med. 2020;382:1-10. Table 10.5 shows it."));
    expect(referenceFindings(m)).toEqual([]);
  });

  it("parses reference numbers, first authors and years", () => {
    const [parsed] = parseReferences(manuscript(ref("[12] Nockel P, Babic B. Localization of insulinoma. J Clin Endocrinol Metab. 2017;102:195-9.")));
    expect(parsed).toMatchObject({ number: 12, firstAuthor: "Nockel", year: "2017", title: "Localization of insulinoma" });
  });
});
