export { ageBand, yearOnly } from "./coarsen";
export { findDates } from "./dates";
export { findIdentifiers } from "./detect";
export { KIND_LABELS, identifierKinds, type IdentifierHit, type IdentifierKind } from "./model";
export { redact } from "./redact";
