import { getSchema } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { plainTextOf } from "../../manuscripts/model";
import { absoluteRangeOf, DraftTextMap, relativeRangeFor, relativeRangeSchema } from "./yjs-positions";

const schema = getSchema([StarterKit]);
const FRAGMENT = "default";

type Json = Record<string, unknown>;
const text = (value: string, marks?: Json[]): Json => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: Json[]): Json => ({ type: "paragraph", content });
const heading = (level: number, value: string): Json => ({ type: "heading", attrs: { level }, content: [text(value)] });

const MANUSCRIPT: Json = {
  type: "doc",
  content: [
    heading(1, "Early mobilisation after hip fracture surgery"),
    heading(2, "Methods"),
    paragraph(text("We randomly assigned 412 patients to "), text("early mobilisation", [{ type: "bold" }]), text(" or usual care.")),
    paragraph(text("  The primary outcome was the Barthel Index at 30 days.  ")),
    { type: "paragraph" },
    paragraph(text("   ")),
    { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("Delirium"))] }, { type: "listItem", content: [paragraph(text("Pressure injuries"))] }] },
    { type: "blockquote", content: [paragraph(text("Bed rest is still common on orthopaedic wards."))] },
    paragraph(text("Assessors were blinded."), { type: "hardBreak" }, text("Analysis was by intention to treat.")),
    heading(2, "Results"),
    paragraph(text("The mean Barthel Index at 30 days was 71.2 in the early mobilisation group.")),
  ],
};

function docFrom(json: Json): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(FRAGMENT));
  return doc;
}

function plainText(doc: Y.Doc): string {
  return plainTextOf(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(FRAGMENT)));
}

function sync(from: Y.Doc, to: Y.Doc) {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** The XmlText of the block whose text starts with `start`. */
function xmlTextOf(doc: Y.Doc, start: string): Y.XmlText {
  const walker = doc.getXmlFragment(FRAGMENT).createTreeWalker((node) => node instanceof Y.XmlText && node.toString().replace(/<[^>]+>/g, "").trimStart().startsWith(start));
  const found = walker.next();
  if (found.done) throw new Error(`no XmlText starts with "${start}"`);
  return found.value as Y.XmlText;
}

describe("DraftTextMap", () => {
  it("gives the same plain text as plainTextOf for headings, marks, lists, quotes, hard breaks, padding and empty blocks", () => {
    const doc = docFrom(MANUSCRIPT);
    const map = new DraftTextMap(doc.getXmlFragment(FRAGMENT));
    expect(map.text).toBe(plainText(doc));
    expect(map.text.split("\n")).toContain("The primary outcome was the Barthel Index at 30 days.");
    expect(map.text).toContain("Delirium\nPressure injuries\nBed rest is still common");
  });

  it("gives the same plain text for atoms that carry their text in attributes (citations, inline maths, figures)", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(FRAGMENT);
    const para = new Y.XmlElement("paragraph");
    const before = new Y.XmlText("Mortality was lower ");
    const citation = new Y.XmlElement("citation");
    const between = new Y.XmlText(" with a risk of ");
    const maths = new Y.XmlElement("inlineMath");
    const after = new Y.XmlText(" per year.");
    const figure = new Y.XmlElement("figure");
    fragment.insert(0, [para, figure]);
    para.insert(0, [before, citation, between, maths, after]);
    citation.setAttribute("label", "[12]");
    maths.setAttribute("latex", "p < 0.05");
    figure.setAttribute("caption", "Flow of participants");
    const map = new DraftTextMap(fragment);
    expect(map.text).toBe(plainText(doc));
    expect(map.text).toBe("Mortality was lower [12] with a risk of $p < 0.05$ per year.\nFigure: Flow of participants");
  });
});

describe("relativeRangeFor / absoluteRangeOf", () => {
  it("round-trips every range of the draft's plain text", () => {
    const doc = docFrom(MANUSCRIPT);
    const full = plainText(doc);
    for (let start = 0; start < full.length; start += 7) {
      for (let end = start + 1; end <= full.length; end += 11) {
        const covered = full.slice(start, end);
        if (covered === "\n") continue;
        const range = absoluteRangeOf(doc, relativeRangeFor(doc, FRAGMENT, start, end));
        // A range that starts on a line break begins with the next line, one that ends after a line break ends before it.
        const expected = { start: full[start] === "\n" ? start + 1 : start, end: full[end - 1] === "\n" ? end - 1 : end };
        expect({ covered, range }).toEqual({ covered, range: expected });
      }
    }
  });

  it("is stored as JSON with base64-encoded Yjs relative positions", () => {
    const doc = docFrom(MANUSCRIPT);
    const full = plainText(doc);
    const start = full.indexOf("Barthel Index at 30 days");
    const stored = JSON.parse(JSON.stringify(relativeRangeFor(doc, FRAGMENT, start, start + "Barthel Index".length)));
    expect(relativeRangeSchema.parse(stored)).toEqual(stored);
    expect(stored.fragment).toBe(FRAGMENT);
    expect(stored.start).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(absoluteRangeOf(doc, stored)).toEqual({ start, end: start + "Barthel Index".length });
  });

  it("follows the words through concurrent edits before them, in the same block and in earlier blocks", () => {
    const reviewer = docFrom(MANUSCRIPT);
    const author = new Y.Doc();
    sync(reviewer, author);
    const before = plainText(reviewer);
    const phrase = "71.2 in the early mobilisation group";
    const start = before.indexOf(phrase);
    const range = relativeRangeFor(reviewer, FRAGMENT, start, start + phrase.length);

    author.transact(() => {
      xmlTextOf(author, "The mean Barthel").insert("The mean Barthel Index at 30 days was ".length, "(SD 18.4) ");
      xmlTextOf(author, "Assessors were").insert(0, "Outcome ");
      const newParagraph = new Y.XmlElement("paragraph");
      newParagraph.insert(0, [new Y.XmlText("A new first paragraph about the trial design.")]);
      author.getXmlFragment(FRAGMENT).insert(2, [newParagraph]);
    });
    xmlTextOf(reviewer, "The mean Barthel").insert(0, "Overall, ");
    sync(author, reviewer);
    sync(reviewer, author);

    for (const doc of [reviewer, author]) {
      const after = plainText(doc);
      const moved = absoluteRangeOf(doc, range);
      expect(moved).not.toBeNull();
      expect(moved?.start).toBeGreaterThan(start);
      expect(after.slice(moved?.start, moved?.end)).toBe(phrase);
    }
  });

  it("keeps text typed at either edge outside the range and text typed inside it inside", () => {
    const doc = docFrom(MANUSCRIPT);
    const phrase = "Barthel Index";
    const full = plainText(doc);
    const start = full.lastIndexOf(phrase);
    const range = relativeRangeFor(doc, FRAGMENT, start, start + phrase.length);
    const ytext = xmlTextOf(doc, "The mean Barthel");
    const offsetInBlock = "The mean ".length;
    ytext.insert(offsetInBlock + phrase.length, " score");
    ytext.insert(offsetInBlock + "Barthel".length, "-like");
    ytext.insert(offsetInBlock, "modified ");
    const now = absoluteRangeOf(doc, range);
    expect(plainText(doc).slice(now?.start, now?.end)).toBe("Barthel-like Index");
  });

  it("shrinks when part of the text is deleted and returns null when all of it is", () => {
    const doc = docFrom(MANUSCRIPT);
    const full = plainText(doc);
    const phrase = "71.2 in the early";
    const start = full.indexOf(phrase);
    const range = relativeRangeFor(doc, FRAGMENT, start, start + phrase.length);
    const ytext = xmlTextOf(doc, "The mean Barthel");
    const inBlock = "The mean Barthel Index at 30 days was ".length;
    ytext.delete(inBlock, "71.2 ".length);
    expect(plainText(doc).slice(absoluteRangeOf(doc, range)?.start, absoluteRangeOf(doc, range)?.end)).toBe("in the early");
    ytext.delete(inBlock, "in the early".length);
    expect(absoluteRangeOf(doc, range)).toBeNull();
  });

  it("returns null when the block holding the range was deleted, on every replica", () => {
    const reviewer = docFrom(MANUSCRIPT);
    const author = new Y.Doc();
    sync(reviewer, author);
    const full = plainText(reviewer);
    const start = full.indexOf("Bed rest is still common");
    const range = relativeRangeFor(reviewer, FRAGMENT, start, start + "Bed rest".length);
    const fragment = author.getXmlFragment(FRAGMENT);
    const index = fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.nodeName === "blockquote");
    fragment.delete(index, 1);
    sync(author, reviewer);
    expect(absoluteRangeOf(author, range)).toBeNull();
    expect(absoluteRangeOf(reviewer, range)).toBeNull();
  });

  it("spans blocks and covers a whole atom when a range starts or ends inside one", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(FRAGMENT);
    const first = new Y.XmlElement("paragraph");
    const second = new Y.XmlElement("paragraph");
    const citation = new Y.XmlElement("citation");
    fragment.insert(0, [first, second]);
    first.insert(0, [new Y.XmlText("Falls were rare "), citation, new Y.XmlText(".")]);
    citation.setAttribute("label", "[12]");
    second.insert(0, [new Y.XmlText("Wound complications were similar.")]);
    const full = plainText(doc);
    expect(full).toBe("Falls were rare [12].\nWound complications were similar.");
    const inCitation = full.indexOf("12]");
    expect(absoluteRangeOf(doc, relativeRangeFor(doc, FRAGMENT, inCitation, full.indexOf(" complications")))).toEqual({ start: full.indexOf("[12]"), end: full.indexOf(" complications") });
    expect(absoluteRangeOf(doc, relativeRangeFor(doc, FRAGMENT, 0, inCitation))).toEqual({ start: 0, end: full.indexOf(".") });
  });

  it("refuses empty or out-of-range selections, ranges of line breaks only, and stored ranges that are not ranges", () => {
    const doc = docFrom(MANUSCRIPT);
    const full = plainText(doc);
    expect(() => relativeRangeFor(doc, FRAGMENT, 3, 3)).toThrow(RangeError);
    expect(() => relativeRangeFor(doc, FRAGMENT, 0, full.length + 1)).toThrow(RangeError);
    const lineBreak = full.indexOf("\n");
    expect(() => relativeRangeFor(doc, FRAGMENT, lineBreak, lineBreak + 1)).toThrow(/line breaks/);
    expect(() => absoluteRangeOf(doc, { fragment: FRAGMENT, start: "not base64!", end: "AA==" })).toThrow(/Not a stored draft range/);
  });
});
