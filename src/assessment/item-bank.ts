import * as z from "zod/v4";
import { Item } from "./item.js";

/**
 * Item banks, and the reference (id, version, fingerprint) by which sessions and results name the bank they used.
 * @module
 */

/** An item bank: items referring to the competences of a framework. */
export const ItemBank = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  version: z.string().optional(),
  /** Id of the framework the competences refer to. */
  frameworkId: z.string().optional(),
  items: z.array(Item),
});
export type ItemBank = z.infer<typeof ItemBank>;

/**
 * Which bank a session or result was computed with: its `id`, its `version` (null when the bank has
 * none) and a `fingerprint` of its content (items, parameters and keys), so that a state is never resumed
 * on a different bank that happens to share the id and version.
 */
export const BankReference = z.object({
  id: z.string().min(1),
  version: z.string().nullable(),
  fingerprint: z.string().regex(/^[0-9a-f]{8}$/),
});
export type BankReference = z.infer<typeof BankReference>;

/** What a result was computed with, for audit: the bank and the library version. */
export interface ResultProvenance {
  readonly bank: BankReference;
  readonly libraryVersion: string;
}
