/**
 * @module curriculum
 */
export * from "./schema.js";
