import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";

/**
 * Response matrices: the input of calibration, one row per person and one column per item.
 * @module
 */

/** A response matrix: one row per person, one column per item; 1 correct, 0 incorrect, null missing. */
export const ResponseMatrix = z
  .object({
    itemIds: z.array(z.string().min(1)).min(1),
    rows: z.array(z.array(z.union([z.literal(0), z.literal(1), z.null()]))),
  })
  .superRefine((m, ctx) => {
    m.rows.forEach((row, i) => {
      if (row.length !== m.itemIds.length) {
        ctx.addIssue({
          code: "custom",
          path: ["rows", i],
          ...expecting(
            `a row of ${m.itemIds.length} answers, one per item`,
            `une ligne de ${m.itemIds.length} réponses, une par item`,
          ),
        });
      }
    });
    const seen = new Set<string>();
    m.itemIds.forEach((id, i) => {
      if (seen.has(id))
        ctx.addIssue({
          code: "custom",
          path: ["itemIds", i],
          ...expecting(
            `a unique item id (${id} appears twice)`,
            `un identifiant d'item unique (${id} apparaît deux fois)`,
          ),
        });
      seen.add(id);
    });
  });
export type ResponseMatrix = z.infer<typeof ResponseMatrix>;
