// A JSON Schema (draft-07) of the part of the W3C Web Annotation Data Model (W3C Recommendation, 23 February 2017,
// https://www.w3.org/TR/annotation-model/, with the JSON-LD context http://www.w3.org/ns/anno.jsonld) that our export
// uses: Annotation (§3.1), TextualBody (§3.2.4), SpecificResource targets (§4) with TextQuoteSelector (§4.2.4) and
// TextPositionSelector (§4.2.5), Agents (§3.3.2), AnnotationCollection and AnnotationPage (§5). It is a faithful subset:
// what it accepts is valid Web Annotation JSON-LD, but the model's other selectors (Fragment, CSS, XPath, Range,
// DataPosition, SVG), states, styles and choices are outside it and rejected.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { ANNO_CONTEXT } from "./web-annotation";

const SCHEMA_ID = "https://mednexus.org/schemas/web-annotation-subset.json";

/** §3.3.5: the 13 motivations of the model's vocabulary. */
const MOTIVATIONS = ["assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging"];

const oneOrMany = (schema: object) => ({ anyOf: [schema, { type: "array", minItems: 1, items: schema }] });
const typeIs = (name: string) => ({ anyOf: [{ const: name }, { type: "array", contains: { const: name }, items: { type: "string" } }] });

export const webAnnotationSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: SCHEMA_ID,
  title: "W3C Web Annotation (MedNexus subset)",
  $ref: "#/definitions/annotationDocument",
  definitions: {
    iri: { type: "string", format: "uri" },
    context: {
      // §3.1: one or more contexts, anno.jsonld among them; a single context is given as a string.
      anyOf: [{ const: ANNO_CONTEXT }, { type: "array", minItems: 1, contains: { const: ANNO_CONTEXT }, items: { anyOf: [{ type: "string" }, { type: "object" }] } }],
    },
    dateTime: { type: "string", format: "date-time" },
    agent: {
      anyOf: [
        { $ref: "#/definitions/iri" },
        {
          type: "object",
          minProperties: 1,
          properties: {
            id: { $ref: "#/definitions/iri" },
            type: { enum: ["Person", "Organization", "Software"] },
            name: { type: "string" },
            nickname: { type: "string" },
            email: { type: "string", pattern: "^mailto:" },
            homepage: { $ref: "#/definitions/iri" },
          },
        },
      ],
    },
    motivation: { enum: MOTIVATIONS },
    textualBody: {
      type: "object",
      required: ["type", "value"],
      properties: {
        id: { $ref: "#/definitions/iri" },
        type: { const: "TextualBody" },
        value: { type: "string" },
        format: { type: "string", pattern: "^[a-z]+/[a-zA-Z0-9.+-]+$" },
        language: { type: "string" },
        purpose: oneOrMany({ $ref: "#/definitions/motivation" }),
        creator: oneOrMany({ $ref: "#/definitions/agent" }),
        created: { $ref: "#/definitions/dateTime" },
        modified: { $ref: "#/definitions/dateTime" },
      },
    },
    body: { anyOf: [{ $ref: "#/definitions/iri" }, { $ref: "#/definitions/textualBody" }] },
    textQuoteSelector: {
      type: "object",
      required: ["type", "exact"],
      additionalProperties: false,
      properties: {
        type: { const: "TextQuoteSelector" },
        exact: { type: "string", minLength: 1 },
        prefix: { type: "string" },
        suffix: { type: "string" },
      },
    },
    textPositionSelector: {
      type: "object",
      required: ["type", "start", "end"],
      additionalProperties: false,
      properties: {
        type: { const: "TextPositionSelector" },
        start: { type: "integer", minimum: 0 },
        // §4.2.5: end is the position after the last selected character, so it is not before start.
        end: { type: "integer", minimum: { $data: "1/start" } },
      },
    },
    selector: { oneOf: [{ $ref: "#/definitions/textQuoteSelector" }, { $ref: "#/definitions/textPositionSelector" }] },
    specificResource: {
      type: "object",
      required: ["source"],
      properties: {
        id: { $ref: "#/definitions/iri" },
        type: { const: "SpecificResource" },
        source: { anyOf: [{ $ref: "#/definitions/iri" }, { type: "object", required: ["id"], properties: { id: { $ref: "#/definitions/iri" } } }] },
        selector: oneOrMany({ $ref: "#/definitions/selector" }),
        purpose: oneOrMany({ $ref: "#/definitions/motivation" }),
      },
    },
    target: { anyOf: [{ $ref: "#/definitions/iri" }, { $ref: "#/definitions/specificResource" }] },
    annotation: {
      type: "object",
      required: ["id", "type", "target"],
      properties: {
        "@context": { $ref: "#/definitions/context" },
        id: { $ref: "#/definitions/iri" },
        type: typeIs("Annotation"),
        motivation: oneOrMany({ $ref: "#/definitions/motivation" }),
        created: { $ref: "#/definitions/dateTime" },
        modified: { $ref: "#/definitions/dateTime" },
        generated: { $ref: "#/definitions/dateTime" },
        creator: oneOrMany({ $ref: "#/definitions/agent" }),
        generator: oneOrMany({ $ref: "#/definitions/agent" }),
        body: oneOrMany({ $ref: "#/definitions/body" }),
        target: oneOrMany({ $ref: "#/definitions/target" }),
      },
    },
    annotationDocument: { allOf: [{ $ref: "#/definitions/annotation" }, { type: "object", required: ["@context"] }] },
    annotationPage: {
      type: "object",
      required: ["id", "type", "items"],
      properties: {
        "@context": { $ref: "#/definitions/context" },
        id: { $ref: "#/definitions/iri" },
        type: typeIs("AnnotationPage"),
        partOf: {
          anyOf: [
            { $ref: "#/definitions/iri" },
            { type: "object", required: ["id"], properties: { id: { $ref: "#/definitions/iri" }, total: { type: "integer", minimum: 0 }, label: { type: "string" } } },
          ],
        },
        next: { $ref: "#/definitions/iri" },
        prev: { $ref: "#/definitions/iri" },
        startIndex: { type: "integer", minimum: 0 },
        items: { type: "array", items: { $ref: "#/definitions/annotation" } },
      },
    },
    annotationPageDocument: { allOf: [{ $ref: "#/definitions/annotationPage" }, { type: "object", required: ["@context"] }] },
    annotationCollectionDocument: {
      type: "object",
      required: ["@context", "id", "type"],
      properties: {
        "@context": { $ref: "#/definitions/context" },
        id: { $ref: "#/definitions/iri" },
        type: typeIs("AnnotationCollection"),
        label: oneOrMany({ type: "string" }),
        total: { type: "integer", minimum: 0 },
        first: { anyOf: [{ $ref: "#/definitions/iri" }, { $ref: "#/definitions/annotationPage" }] },
        last: { $ref: "#/definitions/iri" },
      },
    },
  },
} as const;

export type ValidationResult = { valid: true } | { valid: false; errors: string[] };

let compiled: { annotation: ValidateFunction; page: ValidateFunction; collection: ValidateFunction } | null = null;

function validators() {
  if (!compiled) {
    const ajv = new Ajv({ $data: true, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(webAnnotationSchema);
    const get = (name: string) => {
      const validate = ajv.getSchema(`${SCHEMA_ID}#/definitions/${name}`);
      if (!validate) throw new Error(`The Web Annotation schema has no definition "${name}"`);
      return validate;
    };
    compiled = { annotation: get("annotationDocument"), page: get("annotationPageDocument"), collection: get("annotationCollectionDocument") };
  }
  return compiled;
}

function result(validate: ValidateFunction, json: unknown): ValidationResult {
  if (validate(json)) return { valid: true };
  return { valid: false, errors: (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`) };
}

/** Checks a standalone Annotation document against the schema. */
export function validateWebAnnotation(json: unknown): ValidationResult {
  return result(validators().annotation, json);
}

export function validateAnnotationPage(json: unknown): ValidationResult {
  return result(validators().page, json);
}

export function validateAnnotationCollection(json: unknown): ValidationResult {
  return result(validators().collection, json);
}
