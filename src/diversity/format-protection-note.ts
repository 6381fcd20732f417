import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { publicationCounts, type PartCounts } from "./_publication-counts.js";
import type { DiversityReport } from "./compute-diversity-report.js";
import { ReportProtection } from "./schema.js";

/** French names of the dimensions, for the note. */
const DIMENSIONS_FR: Record<string, string> = {
  gender: "genre",
  ageBand: "tranche d'âge",
  territoryKind: "type de territoire",
  diplomaLevel: "niveau de diplôme",
  departement: "département",
  cohort: "cohorte",
  stage: "étape la plus avancée atteinte",
  participants: "participants",
};

/** What the note reads of a report (checked: a report without its protection method is refused). */
const ReportShape = z.looseObject({
  protection: ReportProtection,
  participants: z.looseObject({ status: z.string() }),
  tables: z.array(
    z.looseObject({
      rowDimension: z.string(),
      columnDimension: z.string(),
      suppressed: z.looseObject({ total: z.number() }),
    }),
  ),
  method: z.object({
    threshold: z.number(),
    protectionInterval: z.number(),
    priorities: z.record(z.string(), z.union([z.number(), z.record(z.string(), z.number())])),
    recoding: z.array(
      z.looseObject({
        dimension: z.string(),
        into: z.string(),
        from: z.array(z.string()),
        applied: z.boolean(),
        publishedWithout: z.number(),
        publishedWith: z.number(),
      }),
    ),
  }),
});

const nameOf = (d: string): string => DIMENSIONS_FR[d] ?? d;
const share = (p: PartCounts): string => {
  const all = p.published + p.hidden;
  return all === 0 ? "aucun" : `${p.hidden} sur ${all} (${Math.round((100 * p.hidden) / all)} %)`;
};

/**
 * The methodology note of a protected diversity report, in French, ready for a publication: the rule of
 * statistical confidentiality applied (threshold, protection interval), the priorities, each recoding
 * rule (applied or not, and why), and how many figures of each part were hidden. It says how many figures
 * are hidden and why, never which hidden counts are small (that would narrow them down).
 *
 * @param report - a report of {@link computeDiversityReport}
 * @returns the note, in French, as plain text (Markdown list)
 * @throws {DeclicsError} `invalid_input` when the argument is not a diversity report
 * @example
 * ```ts
 * import { computeDiversityReport, formatProtectionNote, parseParticipantRecords } from "declics/diversity";
 *
 * const GENDERS = ["female", "male", "female", "male", "male", "female", "male", "other"] as const;
 * const STAGES = ["registered", "assessed", "workshops", "met_training_or_employers", "entered_training", "hired"] as const;
 * const records = parseParticipantRecords(
 *   Array.from({ length: 600 }, (_, i) => ({
 *     id: `p${i}`,
 *     gender: i % 97 === 0 ? "undisclosed" : GENDERS[i % 8]!,
 *     territoryKind: (["qpv", "qpv", "zrr", "qpv", "frr"] as const)[i % 5]!,
 *     ageBand: (["under_26", "26_49", "50_plus"] as const)[i % 3]!,
 *     cohort: i < 320 ? "2020-09" : "2021-01",
 *     stages: [{ stage: STAGES[i % 6]!, on: "2021-03-01" }],
 *   })),
 * ); // 600 participants in two cohorts, built deterministically
 * formatProtectionNote(computeDiversityReport(records, { referenceDate: "2021-01-01" })).split("\n")[0];
 * // => "Note méthodologique : secret statistique"
 * ```
 * @category Publication
 */
export function formatProtectionNote(report: DiversityReport): string {
  const r = parseWith(ReportShape, report, { module: "diversity", what: "diversity report" });
  const m = r.method;
  const lines = ["Note méthodologique : secret statistique", ""];
  if (r.protection === "none") {
    lines.push(
      'Attention : ce rapport a été produit sans protection (option `protection: "none"`). ' +
        "Il contient des effectifs de moins de 11 personnes et NE DOIT PAS être publié.",
    );
    return `${lines.join("\n")}\n`;
  }
  lines.push(
    `- Règle : tout effectif compris entre 1 et ${m.threshold - 1} personnes est masqué (secret primaire). ` +
      "D'autres effectifs sont masqués (secret secondaire) pour qu'aucun effectif masqué ne puisse être recalculé " +
      "à partir des chiffres publiés : tableaux, totaux, parts, taux, intervalles, graphiques.",
    "- Intervalle de protection : compte tenu de tout ce qui est publié, chaque effectif masqué peut encore prendre " +
      `au moins ${m.protectionInterval} valeurs entières.`,
    "- Les chiffres masqués sont notés « secret statistique » ; ils ne valent jamais zéro. Les zéros sont publiés : ils ne désignent personne.",
  );
  const priorities = Object.entries(m.priorities).map(([d, p]) =>
    typeof p === "number"
      ? `${nameOf(d)} (poids ${p})`
      : Object.entries(p)
          .map(([c, w]) => `${nameOf(d)} = ${c} (poids ${w})`)
          .join(", "),
  );
  lines.push(
    priorities.length > 0
      ? `- Priorités : pour le secret secondaire, les effectifs suivants sont masqués en dernier : ${priorities.join(", ")}.`
      : "- Priorités : aucune ; le secret secondaire masque les plus petits effectifs possibles.",
  );
  for (const rec of m.recoding) {
    const what = `${nameOf(rec.dimension)} : ${rec.from.join(", ")} regroupés en « ${rec.into} »`;
    lines.push(
      rec.applied
        ? `- Regroupement appliqué, ${what} (${rec.publishedWith} chiffres publiés au lieu de ${rec.publishedWithout}).`
        : `- Regroupement non appliqué, ${what} : il ne publiait pas davantage (${rec.publishedWith} chiffres au lieu de ${rec.publishedWithout}).`,
    );
  }
  const c = publicationCounts(report);
  lines.push(
    "",
    "Chiffres masqués (effectifs non nuls, parts, taux, verdicts) :",
    `- effectifs des tableaux croisés : ${share(c.tableCounts)}`,
    ...r.tables.map(
      (t) =>
        `  - ${nameOf(t.rowDimension)} × ${nameOf(t.columnDimension)} : ${t.suppressed.total} masqué${t.suppressed.total > 1 ? "s" : ""}`,
    ),
    `- effectifs du parcours par étape : ${share(c.funnelCounts)}`,
    `- parts : ${share(c.shares)}`,
    `- taux d'accès à l'issue (parité) : ${share(c.parityRates)}`,
    `- verdicts de la règle des quatre cinquièmes : ${share(c.fourFifths)}`,
  );
  if (r.participants.status !== "published")
    lines.push("", "Le nombre total de participants est lui-même couvert par le secret statistique.");
  return `${lines.join("\n")}\n`;
}
