// Public server API of the LLM review. Routes import this file; the pure types and schemas are also exported from
// `../index.ts` for the UI.
export { runReviewAssist, type ReviewAssistInput, type ReviewAssistResult } from "./run-review-assist.server";
export { RESPONSE_SCHEMA_NAME, runLlmReview, type LlmReviewOptions } from "./review-llm.server";
export * from "./index";
