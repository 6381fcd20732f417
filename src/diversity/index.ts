/**
 * @module diversity
 */
export * from "./schema.js";
