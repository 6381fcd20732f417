import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { areaOfCompetence, frameworkFrom } from "./_groups.js";
import { levelOf } from "./_irt.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import { DEFAULT_ORIENTATION_RULES } from "./default-orientation-rules.js";
import { type AbilityMeasure, AbilityProfile } from "./ability.js";
import { type JobFamily, OrientationRules, type RomeReference } from "./orientation-rules.js";

/** Where the ability behind a requirement came from: the competence's own items, its area's, or the whole test. */
export type AbilitySource = "competence" | "area" | "overall";

/** One requirement of a job family checked against what the test measured. */
export interface RequirementCheck {
  readonly competence: string;
  readonly required: number;
  readonly source: AbilitySource;
  readonly theta: number;
  readonly se: number;
  /** The level of the estimate itself (the most likely reading, not a certainty). */
  readonly level: number;
  /** Probability that the person's level is at least `required`, given the answers. */
  readonly probability: number;
}

/** A requirement whose level is not reached by the estimate. */
export interface CompetenceGap {
  readonly competence: string;
  readonly source: AbilitySource;
  readonly level: number;
  readonly required: number;
  readonly gap: number;
  readonly probability: number;
}

/**
 * How a family fits: `ready` (probability that every requirement is met >= `readiness`), `to_confirm`
 * (the test cannot tell: the estimates meet the requirements, or the probability lies between
 * 1 - `readiness` and `readiness`), `within_reach` (every gap closable by workshops), `far` otherwise.
 */
export type JobFamilyStatus = "ready" | "to_confirm" | "within_reach" | "far";

/** How one job family fits what the test measured. */
export interface JobFamilyMatch {
  readonly id: string;
  readonly name: string;
  readonly rome: readonly RomeReference[];
  /** Weighted share of requirements met by the estimates, in [0, 1]. */
  readonly match: number;
  /** Probability that every requirement is met (a lower bound when estimates come from several sources). */
  readonly probability: number;
  readonly status: JobFamilyStatus;
  readonly requirements: readonly RequirementCheck[];
  readonly gaps: readonly CompetenceGap[];
  /** Workshops that close this family's gaps (ids). */
  readonly workshops: readonly string[];
  /** Gaps no workshop closes (too wide, or no workshop for that competence). */
  readonly openGaps: readonly CompetenceGap[];
}

/** A recommended workshop and the gaps it closes. */
export interface WorkshopRecommendation {
  readonly id: string;
  readonly name: string;
  readonly closes: readonly string[];
  /** Ids of the job families it helps. */
  readonly forJobFamilies: readonly string[];
}

/** Options of `recommendOrientation`. */
const Options = z.object({
  /** The rules (default `DEFAULT_ORIENTATION_RULES`); validated here. */
  rules: z.unknown().optional(),
  /**
   * Probability that every requirement is met needed to say `ready` (default 0.9: with 30-item tests,
   * 0.8 still marks about 7 % of the candidates just below a level "ready"; 0.9 keeps it under 5 %).
   */
  readiness: z.number().gt(0.5).lt(1).default(0.9),
  /** A competence or area estimate is used only when its SE is at most this (default 0.5); else the overall one. */
  maxSe: z.number().positive().default(0.5),
  /** The framework that maps competences to areas (default: `DEFAULT_FRAMEWORK`). */
  framework: z.unknown().optional(),
});
/** Options of `recommendOrientation`. */
export type RecommendOrientationOptions = z.input<typeof Options>;

/** The orientation of one profile. */
export interface Orientation {
  readonly jobFamilies: readonly JobFamilyMatch[];
  readonly workshops: readonly WorkshopRecommendation[];
  readonly rulesVersion: string;
  /** The readiness probability used. */
  readonly readiness: number;
}

const statusOrder: Record<JobFamilyStatus, number> = { ready: 0, to_confirm: 1, within_reach: 2, far: 3 };

/** Standard normal upper tail, P(Z > z) (W. J. Cody's erfc via a rational Chebyshev fit; |error| < 1.2e-7). */
function upperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * From what a test measured to tech job families and the parcours workshops that close the gaps,
 * **respecting the uncertainty of the measure**. The rules are data.
 *
 * Each requirement (at least level L in a competence) is read from the most specific estimate that is
 * precise enough: the competence's own ability if its SE <= `maxSe` (default 0.5), else its area's,
 * else the overall ability (a unidimensional test mostly measures that). Its probability is
 * P(level >= L) = P(theta >= cut of L), with the posterior taken as normal(theta, se). A family is
 * `ready` only when the probability that **every** requirement is met reaches `readiness` (default 0.9:
 * exact when one estimate serves all, a Bonferroni lower bound across estimates); `to_confirm` when the
 * estimates meet the requirements but not with that certainty, or when the probability lies between
 * 1 - `readiness` and `readiness`; otherwise `within_reach` (every gap closable by a workshop and the
 * weighted match >= `reachThreshold`) or `far`. Families are sorted by status, then probability, then
 * match. Workshops are recommended for families that are not `far`, most useful first.
 *
 * @param profile - `result.profile` of `computeSessionResult` or `scoreFixedForm`:
 *   `{ overall: { theta, se }, competences?: { [id]: { theta, se } }, areas?: {...}, levelCuts? }`
 * @param options - `rules`, `readiness` (0.9), `maxSe` (0.5), `framework` (competence -> area)
 * @returns job families with probability, status, requirement checks and gaps, and workshops
 * @throws {DeclicsError} `invalid_input` for a malformed profile (a level-per-competence record such as
 *   `{ "3.4": 2 }` or `{ undefined: 5 }` is refused: it carries no uncertainty), rules or options
 * @example
 * ```ts
 * import { recommendOrientation } from "declics/assessment";
 * const sure = recommendOrientation({ overall: { theta: 1.5, se: 0.25 } });
 * const unsure = recommendOrientation({ overall: { theta: 0.1, se: 0.9 } });
 * [sure.jobFamilies.find((f) => f.id === "developpement")?.status, unsure.jobFamilies.find((f) => f.id === "developpement")?.status];
 * // => ["ready", "to_confirm"]
 * ```
 * @category Orientation
 */
export function recommendOrientation(
  profile: AbilityProfile | Record<string, unknown>,
  options: RecommendOrientationOptions = {},
): Orientation {
  const prof = parseWith(AbilityProfile, profile, { module: "assessment", what: "ability profile (result.profile)" });
  const o = parseWith(Options, options, { module: "assessment", what: "orientation options" });
  const rules =
    o.rules === undefined
      ? DEFAULT_ORIENTATION_RULES
      : parseWith(OrientationRules, o.rules, { module: "assessment", what: "orientation rules" });
  const areaOf = areaOfCompetence(o.framework === undefined ? DEFAULT_FRAMEWORK : frameworkFrom(o.framework));
  const reading: Reading = { prof, areaOf, cuts: prof.levelCuts ?? DEFAULT_FRAMEWORK.levelCuts, maxSe: o.maxSe };
  const families = rules.jobFamilies.map((family, order) => ({
    ...matchFamily(family, rules, reading, o.readiness),
    order,
  }));
  families.sort(
    (x, y) =>
      statusOrder[x.status] - statusOrder[y.status] ||
      y.probability - x.probability ||
      y.match - x.match ||
      x.order - y.order,
  );
  return {
    jobFamilies: families.map(({ order: _order, ...f }) => f),
    workshops: recommendWorkshops(families, rules),
    rulesVersion: rules.version,
    readiness: o.readiness,
  };
}

/** What requirements are read against: the profile, the competence -> area map, the level cuts, the SE limit. */
interface Reading {
  readonly prof: AbilityProfile;
  readonly areaOf: ReadonlyMap<string, string>;
  readonly cuts: readonly number[];
  readonly maxSe: number;
}

/** The most specific estimate precise enough for a competence: its own, its area's, or the overall one. */
function measureFor(r: Reading, competence: string): { source: AbilitySource; key: string; m: AbilityMeasure } {
  const own = r.prof.competences[competence];
  if (own !== undefined && own.se <= r.maxSe) return { source: "competence", key: `c:${competence}`, m: own };
  const area = r.areaOf.get(competence);
  const inArea = area === undefined ? undefined : r.prof.areas[area];
  if (inArea !== undefined && inArea.se <= r.maxSe) return { source: "area", key: `a:${area}`, m: inArea };
  return { source: "overall", key: "overall", m: r.prof.overall };
}

/** Checks a family's requirements, finds the workshops that close its gaps, and gives its status. */
function matchFamily(family: JobFamily, rules: OrientationRules, r: Reading, readiness: number): JobFamilyMatch {
  let weighted = 0;
  let total = 0;
  const requirements: RequirementCheck[] = [];
  const gaps: CompetenceGap[] = [];
  const bySource = new Map<string, number>();
  for (const req of family.requirements) {
    const { source, key, m } = measureFor(r, req.competence);
    const level = levelOf(m.theta, r.cuts);
    const probability = req.level <= 1 ? 1 : upperTail((r.cuts[req.level - 2]! - m.theta) / m.se);
    const { competence, level: required } = req;
    requirements.push({ competence, required, source, theta: m.theta, se: m.se, level, probability });
    bySource.set(key, Math.min(bySource.get(key) ?? 1, probability));
    weighted += req.weight * Math.min(1, level / req.level);
    total += req.weight;
    if (level < req.level) gaps.push({ competence, source, level, required, gap: req.level - level, probability });
  }
  // One estimate: P(all met) = P(theta >= the highest cut) exactly. Several: Bonferroni lower bound.
  const probability = Math.max(0, 1 - [...bySource.values()].reduce((s, p) => s + (1 - p), 0));
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
  const status: JobFamilyStatus =
    probability >= readiness
      ? "ready"
      : gaps.length === 0 || probability >= 1 - readiness
        ? "to_confirm"
        : openGaps.length === 0 && match >= rules.reachThreshold
          ? "within_reach"
          : "far";
  const { id, name, rome } = family;
  return { id, name, rome, match, probability, status, requirements, gaps, workshops, openGaps };
}

/** Workshops for the families that are not `far`, with the gaps they close; most useful first. */
function recommendWorkshops(families: readonly JobFamilyMatch[], rules: OrientationRules): WorkshopRecommendation[] {
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
  return [...recommended.entries()]
    .map(([id, e]) => ({
      id,
      name: rules.workshops.find((w) => w.id === id)!.name,
      closes: [...e.closes].sort(),
      forJobFamilies: e.forJobFamilies,
    }))
    .sort(
      (x, y) =>
        y.forJobFamilies.length - x.forJobFamilies.length || workshopOrder.get(x.id)! - workshopOrder.get(y.id)!,
    );
}
