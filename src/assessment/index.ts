/**
 * @module assessment
 */
export * from "./schema.js";
