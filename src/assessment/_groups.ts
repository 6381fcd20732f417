/**
 * Private: per-competence and per-area scores and the ability profile, one shape for sessions and
 * fixed forms.
 * @module
 */
import { parseWith } from "../_lib/parse.js";
import { levelOf } from "./_irt.js";
import { type Engine, posteriorAfter } from "./_session.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import type { AbilityProfile, GroupScore } from "./ability.js";
import { CompetenceFramework } from "./framework.js";

/** The framework given as an option (validated), or the default one. */
export function frameworkFrom(input: unknown): CompetenceFramework {
  return input === undefined
    ? DEFAULT_FRAMEWORK
    : parseWith(CompetenceFramework, input, { module: "assessment", what: "competence framework" });
}

/** Competence id -> area id, for the competences the framework lists. */
export function areaOfCompetence(framework: CompetenceFramework): Map<string, string> {
  return new Map(framework.areas.flatMap((a) => a.competences.map((c) => [c.id as string, a.id as string] as const)));
}

type Scored = { readonly itemId: string; readonly competence: string; readonly correct: boolean };

function group(engine: Engine, id: string, list: readonly Scored[]): GroupScore {
  const e = posteriorAfter(engine, list);
  const correct = list.filter((x) => x.correct).length;
  return {
    id,
    administered: list.length,
    correct,
    percent: list.length > 0 ? correct / list.length : null,
    theta: e.theta,
    se: e.se,
    level: levelOf(e.theta, engine.cuts),
  };
}

function groupBy(engine: Engine, scored: readonly Scored[], key: (s: Scored) => string | undefined): GroupScore[] {
  const groups = new Map<string, Scored[]>();
  for (const s of scored) {
    const k = key(s);
    if (k === undefined) continue;
    const list = groups.get(k) ?? [];
    list.push(s);
    groups.set(k, list);
  }
  return [...groups.keys()].sort().map((k) => group(engine, k, groups.get(k)!));
}

/** Scores per competence and per area, and the profile orientation reads. */
export function scoreGroups(
  engine: Engine,
  scored: readonly Scored[],
  overall: { theta: number; se: number },
  framework: CompetenceFramework,
): { perCompetence: GroupScore[]; perArea: GroupScore[]; profile: AbilityProfile } {
  const areaOf = areaOfCompetence(framework);
  const perCompetence = groupBy(engine, scored, (s) => s.competence);
  const perArea = groupBy(engine, scored, (s) => areaOf.get(s.competence));
  const measures = (list: GroupScore[]): Record<string, { theta: number; se: number }> =>
    Object.fromEntries(list.map((g) => [g.id, { theta: g.theta, se: g.se }]));
  return {
    perCompetence,
    perArea,
    profile: {
      overall: { theta: overall.theta, se: overall.se },
      competences: measures(perCompetence),
      areas: measures(perArea),
      levelCuts: [...engine.cuts],
    },
  };
}
