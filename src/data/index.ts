/**
 * Node loaders for the bundled, compiled datasets (data/build). The only code that knows where they live.
 * @module data
 */
export {};
