export * from "./identity";
export * from "./audit";
export * from "./manuscripts";
export * from "./collab";
export * from "./chain";
export * from "./review";
export * from "./cases";
export * from "./publishing";
