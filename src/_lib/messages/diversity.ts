/**
 * The messages of tables that do not fit together, and the words of their reasons.
 * @module
 */
import { type MessagePart } from "./part.js";
import { type Reason, renderProblem } from "./problem.js";

/** Diversity: tables. */
export const DIVERSITY_REASONS: Readonly<Record<string, Reason>> = {
  duplicate_label: [
    (v) => `the ${v("axis")} label ${v("label")} appears twice; each ${v("axis")} must have its own label`,
    (v) => `l'étiquette ${v("label")} (${v("axis")}) figure deux fois ; chaque ligne ou colonne doit avoir la sienne`,
  ],
  mismatched_margins: [
    (v) =>
      `linked tables disagree on the same count (${v("key")}): ${v("known")} in an earlier table, ${v("value")} in table ${v("table")}`,
    (v) =>
      `des tableaux liés donnent deux valeurs au même effectif (${v("key")}) : ${v("known")} dans un tableau précédent, ${v("value")} dans le tableau ` +
      `${v("table")}`,
  ],
  no_witness_cycle: [
    () => "no complementary suppression found (this is a bug in declics)",
    () => "aucun secret secondaire trouvé (c'est un bogue de declics)",
  ],
  missing_count: [
    (v) => `the report's tables do not hold ${v("count")} (this is a bug in declics)`,
    (v) => `les tableaux du rapport ne contiennent pas ${v("count")} (c'est un bogue de declics)`,
  ],
  too_many_groups: [
    (v) =>
      `crossing ${v("dimensions")} gives ${v("groups")} groups (more than ${v("max")}); group by fewer dimensions at a time`,
    (v) =>
      `croiser ${v("dimensions")} donne ${v("groups")} groupes (plus de ${v("max")}) ; regroupez par moins de dimensions à la fois`,
  ],
  unknown_dimension: [
    (v) => `dimension ${v("dimension")} was not tabulated (tabulated: ${v("tabulated")})`,
    (v) => `la dimension ${v("dimension")} n'a pas été tabulée (tabulées : ${v("tabulated")})`,
  ],
  same_dimension_twice: [
    (v) => `table ${v("table")} crosses ${v("dimension")} with itself`,
    (v) => `le tableau ${v("table")} croise ${v("dimension")} avec elle-même`,
  ],
  same_crossing_twice: [
    (v) => `table ${v("table")} crosses ${v("rows")} and ${v("columns")} again`,
    (v) => `le tableau ${v("table")} croise de nouveau ${v("rows")} et ${v("columns")}`,
  ],
  lookup_out_of_range: [
    () => "a lookup fell outside the suppression engine's tables (this is a bug in declics)",
    () => "une recherche est sortie des tableaux du moteur de secret statistique (c'est un bogue de declics)",
  ],
  repeated_label: [
    (v) => `table ${v("table")} repeats a label`,
    (v) => `le tableau ${v("table")} répète une étiquette`,
  ],
};

/** Records and tables that do not fit together. */
const REASONS = DIVERSITY_REASONS;

export const DIVERSITY_MESSAGES: MessagePart<"invalid_table"> = {
  invalid_table: {
    en: (d) => `Tables do not fit together: ${renderProblem(d, "en", REASONS)}`,
    fr: (d) => `Tableaux incohérents : ${renderProblem(d, "fr", REASONS)}`,
  },
};
