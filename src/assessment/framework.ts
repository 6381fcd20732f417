import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";

/**
 * Competence framework: identifiers, competences, areas, levels 1-8 and the ability cut points between levels.
 * @module
 */

/** A competence identifier, e.g. `"1.1"` (Pix numbering) or `"A.1"` (parcours aptitudes). */
export const CompetenceId = z.string().min(1).max(40).brand<"CompetenceId">();
export type CompetenceId = z.infer<typeof CompetenceId>;

/** An area (domain) identifier, e.g. `"1"` or `"A"`. */
export const AreaId = z.string().min(1).max(40).brand<"AreaId">();
export type AreaId = z.infer<typeof AreaId>;

/** A proficiency level, 1 (foundation) to 8 (highly specialised), as in DigComp 2.2 and Pix. */
export const Level = z.number().int().min(1).max(8);
export type Level = z.infer<typeof Level>;

/** One competence of the framework. */
export const Competence = z.object({
  id: CompetenceId,
  /** French label shown to people. */
  name: z.string().min(1),
  description: z.string().optional(),
  /** `digital` for DigComp/Pix competences, `aptitude` for what the parcours tests besides them. */
  kind: z.enum(["digital", "aptitude"]).default("digital"),
  /** DigComp 2.2 competence numbers this competence covers (e.g. `["1.1", "1.2"]`). */
  digcomp: z.array(z.string()).default([]),
  /** Pix competence number, when the competence is a Pix one. */
  pix: z.string().optional(),
});
export type Competence = z.infer<typeof Competence>;

/** An area (Pix "domaine", DigComp "area") grouping competences. */
export const Area = z.object({
  id: AreaId,
  name: z.string().min(1),
  /** DigComp 2.2 area number, when the area aligns with one. */
  digcomp: z.string().optional(),
  competences: z.array(Competence).min(1),
});
export type Area = z.infer<typeof Area>;

/** What a level means, in words. */
export const LevelDescriptor = z.object({
  level: Level,
  name: z.string().min(1),
  description: z.string().optional(),
});
export type LevelDescriptor = z.infer<typeof LevelDescriptor>;

/**
 * A competence framework: areas, competences and levels 1-8, with the ability cut points that map an
 * IRT ability (theta, logits) to a level. `levelCuts[i]` is the lowest theta of level `i + 2`.
 * Users can replace the default framework with their own (see `parseFramework`).
 */
export const CompetenceFramework = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    version: z.string().min(1),
    areas: z.array(Area).min(1),
    levels: z.array(LevelDescriptor).length(8),
    levelCuts: z.array(z.number()).length(7),
  })
  .superRefine((framework, ctx) => {
    const areaIds = new Set<string>();
    const competenceIds = new Set<string>();
    framework.areas.forEach((area, ai) => {
      if (areaIds.has(area.id))
        ctx.addIssue({
          code: "custom",
          path: ["areas", ai, "id"],
          ...expecting(
            `a unique area id (${area.id} appears twice)`,
            `un identifiant de domaine unique (${area.id} apparaît deux fois)`,
          ),
        });
      areaIds.add(area.id);
      area.competences.forEach((competence, ci) => {
        if (competenceIds.has(competence.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["areas", ai, "competences", ci, "id"],
            ...expecting(
              `a unique competence id (${competence.id} appears twice)`,
              `un identifiant de compétence unique (${competence.id} apparaît deux fois)`,
            ),
          });
        }
        competenceIds.add(competence.id);
      });
    });
    framework.levels.forEach((descriptor, i) => {
      if (descriptor.level !== i + 1)
        ctx.addIssue({
          code: "custom",
          path: ["levels", i, "level"],
          ...expecting(
            `level ${i + 1} (levels listed 1 to 8 in order)`,
            `le niveau ${i + 1} (niveaux listés de 1 à 8 dans l'ordre)`,
          ),
        });
    });
    for (let i = 1; i < framework.levelCuts.length; i++) {
      if (!(framework.levelCuts[i]! > framework.levelCuts[i - 1]!)) {
        ctx.addIssue({
          code: "custom",
          path: ["levelCuts", i],
          ...expecting(
            `a cut above cut ${i - 1} (${framework.levelCuts[i - 1]}): level cuts strictly increasing`,
            `un seuil au-dessus du seuil ${i - 1} (${framework.levelCuts[i - 1]}) : seuils de niveau strictement croissants`,
          ),
        });
      }
    }
  });
export type CompetenceFramework = z.infer<typeof CompetenceFramework>;

/** Seven ability cut points between levels 1..8, strictly increasing (`levelCuts[i]` starts level `i + 2`). */
export const LevelCuts = z
  .array(z.number().finite())
  .length(7)
  .superRefine((cuts, ctx) => {
    for (let i = 1; i < cuts.length; i++) {
      if (!(cuts[i]! > cuts[i - 1]!))
        ctx.addIssue({
          code: "custom",
          path: [i],
          ...expecting(
            `a cut above cut ${i - 1} (${cuts[i - 1]}): level cuts strictly increasing`,
            `un seuil au-dessus du seuil ${i - 1} (${cuts[i - 1]}) : seuils de niveau strictement croissants`,
          ),
        });
    }
  });
export type LevelCuts = z.infer<typeof LevelCuts>;
