import { parseWith } from "../_lib/parse.js";
import { DEFAULT_ORIENTATION_RULES } from "./default-orientation-rules.js";
import {
  type CompetenceGap,
  CompetenceProfile,
  type JobFamilyMatch,
  type Orientation,
  OrientationRules,
  type WorkshopRecommendation,
} from "./schema.js";

/** Options of {@link recommendOrientation}. */
export interface RecommendOrientationOptions {
  /** The rules (default {@link DEFAULT_ORIENTATION_RULES}); validated here. */
  readonly rules?: unknown;
}

const statusOrder = { ready: 0, within_reach: 1, far: 2 } as const;

/**
 * From a competence profile (a level per competence, e.g. from `scoreFixedForm` or adaptive sessions) to
 * tech job families and the parcours workshops that close the gaps. The rules are data.
 *
 * For each family: each requirement is met when the profile's level reaches it; `match` is the
 * weighted mean of min(1, level / required). A gap is closable when it is at most `maxGapClosable`
 * levels and a workshop develops that competence up to the required level (the workshop with the
 * lowest sufficient target level is chosen). Status: `ready` (no gap), `within_reach` (every gap
 * closable and match >= `reachThreshold`), `far` otherwise. Families are sorted by status, then match.
 * Workshops are recommended for `ready` and `within_reach` families, most useful first.
 * Competences missing from the profile count as level 0 and are flagged `assessed: false`.
 *
 * @param profile - `{ [competenceId]: level }`, levels 0-8 (0 = below level 1 or not assessed)
 * @param options - `rules`
 * @returns job families with match, status and gaps, and workshop recommendations
 * @throws {DeclicsError} `invalid_input` for a malformed profile or rules
 * @example
 * ```ts
 * import { recommendOrientation } from "declics/assessment";
 * const o = recommendOrientation({ "3.4": 2, "A.1": 4, "A.2": 3, "5.2": 3, "1.1": 3 });
 * [o.jobFamilies[0]?.id, o.jobFamilies[0]?.status, o.jobFamilies[0]?.workshops];
 * // => ["developpement", "within_reach", ["atelier-code"]]
 * ```
 * @category Orientation
 */
export function recommendOrientation(profile: Record<string, number>, options: RecommendOrientationOptions = {}): Orientation {
  const levels = parseWith(CompetenceProfile, profile, { module: "assessment", what: "competence profile" });
  const rules = options.rules === undefined ? DEFAULT_ORIENTATION_RULES : parseWith(OrientationRules, options.rules, { module: "assessment", what: "orientation rules" });
  const families: (JobFamilyMatch & { order: number })[] = rules.jobFamilies.map((family, order) => {
    let weighted = 0;
    let total = 0;
    const gaps: CompetenceGap[] = [];
    for (const req of family.requirements) {
      const assessed = levels[req.competence] !== undefined;
      const level = levels[req.competence] ?? 0;
      weighted += req.weight * Math.min(1, level / req.level);
      total += req.weight;
      if (level < req.level) gaps.push({ competence: req.competence, assessed, level, required: req.level, gap: req.level - level });
    }
    const workshops: string[] = [];
    const openGaps: CompetenceGap[] = [];
    for (const gap of gaps) {
      const candidates = rules.workshops
        .filter((w) => w.competences.includes(gap.competence) && w.targetLevel >= gap.required)
        .sort((x, y) => x.targetLevel - y.targetLevel);
      const chosen = candidates[0];
      if (chosen === undefined || gap.gap > rules.maxGapClosable) openGaps.push(gap);
      else if (!workshops.includes(chosen.id)) workshops.push(chosen.id);
    }
    const match = total > 0 ? weighted / total : 0;
    const status = gaps.length === 0 ? "ready" : openGaps.length === 0 && match >= rules.reachThreshold ? "within_reach" : "far";
    return { id: family.id, name: family.name, rome: family.rome, match, status, gaps, workshops, openGaps, order };
  });
  families.sort((x, y) => statusOrder[x.status] - statusOrder[y.status] || y.match - x.match || x.order - y.order);
  const recommended = new Map<string, { closes: Set<string>; forJobFamilies: string[] }>();
  for (const f of families) {
    if (f.status === "far") continue;
    for (const id of f.workshops) {
      const entry = recommended.get(id) ?? { closes: new Set<string>(), forJobFamilies: [] };
      const workshop = rules.workshops.find((w) => w.id === id)!;
      for (const g of f.gaps) if (workshop.competences.includes(g.competence)) entry.closes.add(g.competence);
      entry.forJobFamilies.push(f.id);
      recommended.set(id, entry);
    }
  }
  const workshopOrder = new Map(rules.workshops.map((w, i) => [w.id, i]));
  const workshops: WorkshopRecommendation[] = [...recommended.entries()]
    .map(([id, e]) => ({ id, name: rules.workshops.find((w) => w.id === id)!.name, closes: [...e.closes].sort(), forJobFamilies: e.forJobFamilies }))
    .sort((x, y) => y.forJobFamilies.length - x.forJobFamilies.length || workshopOrder.get(x.id)! - workshopOrder.get(y.id)!);
  return { jobFamilies: families.map(({ order: _order, ...f }) => f), workshops, rulesVersion: rules.version };
}
