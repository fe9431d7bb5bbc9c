import { ANNOTATION_KINDS } from "../../../../db/schema/enums";
import { selectorsFor } from "./selectors";
import { rangeOf, TEXT } from "./test-manuscript";
import { ANNO_CONTEXT, MOTIVATION_OF_KIND, toAnnotationCollection, toWebAnnotation, type ExportableAnnotation, type WebAnnotationOptions } from "./web-annotation";
import { validateAnnotationCollection, validateAnnotationPage, validateWebAnnotation } from "./web-annotation-schema";

const SUBMISSION = "https://mednexus.org/submissions/5b7c1d9e-5a43-4f55-9a0e-0d2f0e3c1a11";
const VERSION = "https://mednexus.org/manuscripts/8f0e/versions/2.txt";
const options: WebAnnotationOptions = {
  submissionUrl: SUBMISSION,
  versionUrl: VERSION,
  creator: { id: "https://mednexus.org/users/asha", type: "Person", name: "Asha Rao" },
};

function annotation(overrides: Partial<ExportableAnnotation> = {}): ExportableAnnotation {
  return {
    id: "a1",
    kind: "question",
    body: "How were weekend physiotherapy sessions staffed?",
    suggestion: null,
    selectors: selectorsFor(TEXT, ...rangeOf(TEXT, "adherence to the protocol was lower at weekends")),
    createdAt: new Date("2026-03-02T10:15:00Z"),
    updatedAt: new Date("2026-03-03T08:00:00Z"),
    ...overrides,
  };
}

describe("toWebAnnotation", () => {
  it("exports an annotation as W3C Web Annotation JSON-LD that validates", () => {
    const json = toWebAnnotation(annotation(), options);
    expect(json).toEqual({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: `${SUBMISSION}/annotations/a1`,
      type: "Annotation",
      motivation: "questioning",
      created: "2026-03-02T10:15:00.000Z",
      modified: "2026-03-03T08:00:00.000Z",
      creator: options.creator,
      body: [{ type: "TextualBody", value: "How were weekend physiotherapy sessions staffed?", format: "text/plain", purpose: "questioning" }],
      target: {
        source: VERSION,
        selector: [
          { type: "TextQuoteSelector", exact: "adherence to the protocol was lower at weekends", prefix: annotation().selectors.quote.prefix, suffix: annotation().selectors.quote.suffix },
          { type: "TextPositionSelector", start: annotation().selectors.position.start, end: annotation().selectors.position.end },
        ],
      },
    });
    expect(validateWebAnnotation(JSON.parse(JSON.stringify(json)))).toEqual({ valid: true });
  });

  it("maps every kind to a W3C motivation, a suggested edit carrying its proposed text as an editing body", () => {
    for (const kind of ANNOTATION_KINDS) {
      const json = toWebAnnotation(annotation({ kind, suggestion: kind === "suggested-edit" ? "adherence was lower at weekends" : null }), options);
      expect(json.motivation).toBe(MOTIVATION_OF_KIND[kind]);
      expect(validateWebAnnotation(json)).toEqual({ valid: true });
    }
    expect(MOTIVATION_OF_KIND).toEqual({ comment: "commenting", question: "questioning", "required-change": "assessing", "suggested-edit": "editing" });
    const edit = toWebAnnotation(annotation({ kind: "suggested-edit", body: "Shorter:", suggestion: "adherence was lower at weekends" }), options);
    expect(edit.body).toEqual([
      { type: "TextualBody", value: "Shorter:", format: "text/plain", purpose: "commenting" },
      { type: "TextualBody", value: "adherence was lower at weekends", format: "text/plain", purpose: "editing" },
    ]);
  });

  it("leaves the creator out under blind review, or names an anonymous reviewer without an id", () => {
    expect(toWebAnnotation(annotation(), { ...options, blind: true })).not.toHaveProperty("creator");
    const labelled = toWebAnnotation(annotation(), { ...options, blind: true, anonymousLabel: "Reviewer 2" });
    expect(labelled.creator).toEqual({ type: "Person", name: "Reviewer 2" });
    expect(JSON.stringify(labelled)).not.toContain("asha");
    expect(validateWebAnnotation(labelled)).toEqual({ valid: true });
  });

  it("counts positions in Unicode code points when given the version's text", () => {
    const text = "Risk rose with 𝛽 = 0.4 per decade of age.";
    const selectors = selectorsFor(text, ...rangeOf(text, "per decade"));
    const json = toWebAnnotation(annotation({ selectors }), { ...options, versionText: text });
    expect(json.target.selector[1]).toEqual({ type: "TextPositionSelector", start: selectors.position.start - 1, end: selectors.position.end - 1 });
    expect([...text].slice(json.target.selector[1].start, json.target.selector[1].end).join("")).toBe("per decade");
  });

  it("refuses a kind it does not know", () => {
    expect(() => toWebAnnotation(annotation({ kind: "praise" as never }), options)).toThrow(/Unknown annotation kind "praise"/);
  });
});

describe("validateWebAnnotation", () => {
  const valid = () => JSON.parse(JSON.stringify(toWebAnnotation(annotation(), options)));

  it("rejects an annotation without a target", () => {
    const json = valid();
    delete json.target;
    const result = validateWebAnnotation(json);
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result)).toContain("target");
  });

  it("rejects a selector of the wrong type", () => {
    const json = valid();
    json.target.selector[0].type = "TextSelector";
    expect(validateWebAnnotation(json).valid).toBe(false);
    const swapped = valid();
    swapped.target.selector[1] = { type: "TextPositionSelector", exact: "adherence" };
    expect(validateWebAnnotation(swapped).valid).toBe(false);
  });

  it("rejects a negative start and an end before the start", () => {
    const negative = valid();
    negative.target.selector[1].start = -4;
    expect(validateWebAnnotation(negative).valid).toBe(false);
    const reversed = valid();
    reversed.target.selector[1].end = reversed.target.selector[1].start - 1;
    expect(validateWebAnnotation(reversed).valid).toBe(false);
  });

  it("rejects a missing or foreign @context, a wrong type, an unknown motivation and a malformed date", () => {
    const mutations: Array<(json: Record<string, unknown>) => void> = [
      (json) => delete json["@context"],
      (json) => (json["@context"] = "http://schema.org/"),
      (json) => (json.type = "Note"),
      (json) => (json.motivation = "praising"),
      (json) => (json.created = "yesterday"),
      (json) => (json.id = "not a url"),
    ];
    for (const mutate of mutations) {
      const json = valid();
      mutate(json);
      expect(validateWebAnnotation(json).valid).toBe(false);
    }
  });

  it("accepts other valid shapes of the model: a string target, several contexts, a body IRI", () => {
    const json = valid();
    json.target = VERSION;
    json["@context"] = [ANNO_CONTEXT, { mednexus: "https://mednexus.org/ns#" }];
    json.body = [json.body[0], "https://mednexus.org/notes/1"];
    expect(validateWebAnnotation(json)).toEqual({ valid: true });
  });
});

describe("toAnnotationCollection", () => {
  const many = Array.from({ length: 5 }, (_, i) => annotation({ id: `a${i + 1}`, kind: ANNOTATION_KINDS[i % ANNOTATION_KINDS.length], suggestion: "adherence was lower at weekends" }));

  it("exports a paged AnnotationCollection whose collection and pages validate", () => {
    const { collection, pages } = toAnnotationCollection(many, { ...options, label: "Round 1 review", pageSize: 2 });
    expect(collection).toEqual({
      "@context": ANNO_CONTEXT,
      id: `${SUBMISSION}/annotations`,
      type: "AnnotationCollection",
      label: "Round 1 review",
      total: 5,
      first: `${SUBMISSION}/annotations?page=0`,
      last: `${SUBMISSION}/annotations?page=2`,
    });
    expect(validateAnnotationCollection(collection)).toEqual({ valid: true });
    expect(pages.map((p) => [p.startIndex, p.items.length, p.prev ?? null, p.next ?? null])).toEqual([
      [0, 2, null, `${SUBMISSION}/annotations?page=1`],
      [2, 2, `${SUBMISSION}/annotations?page=0`, `${SUBMISSION}/annotations?page=2`],
      [4, 1, `${SUBMISSION}/annotations?page=1`, null],
    ]);
    for (const page of pages) {
      expect(validateAnnotationPage(page)).toEqual({ valid: true });
      expect(page.partOf).toEqual({ id: `${SUBMISSION}/annotations`, total: 5, label: "Round 1 review" });
      for (const item of page.items) expect(item).not.toHaveProperty("@context");
    }
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(many.map((a) => `${SUBMISSION}/annotations/${a.id}`));
  });

  it("exports an empty collection with no pages, and anonymises every item under blind review", () => {
    const empty = toAnnotationCollection([], options);
    expect(empty.pages).toEqual([]);
    expect(empty.collection).not.toHaveProperty("first");
    expect(validateAnnotationCollection(empty.collection)).toEqual({ valid: true });
    const blind = toAnnotationCollection(many, { ...options, blind: true });
    expect(blind.pages[0].items.every((item) => item.creator === undefined)).toBe(true);
  });

  it("rejects a page whose item is broken and a collection with a negative total", () => {
    const { collection, pages } = toAnnotationCollection(many, options);
    const page = JSON.parse(JSON.stringify(pages[0]));
    delete page.items[3].target;
    expect(validateAnnotationPage(page).valid).toBe(false);
    expect(validateAnnotationCollection({ ...collection, total: -1 }).valid).toBe(false);
    expect(() => toAnnotationCollection(many, { ...options, pageSize: 0 })).toThrow(RangeError);
  });
});
