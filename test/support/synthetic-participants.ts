/**
 * Seeded synthetic participants for tests, examples and the benchmark. Not exported from the barrel.
 * The proportions are invented but plausible (about a third women, most participants from QPV), and
 * women convert less at the step to training, so the metrics have something to find.
 */
import type { RandomSource } from "../../src/_lib/random.js";
import { ParcoursStage } from "../../src/_lib/vocabulary.js";
import type { DiplomaLevel, ParticipantRecord } from "../../src/diversity/schema.js";

const STAGES = ParcoursStage.options;
const DIPLOMAS: readonly DiplomaLevel[] = ["infra_3", "niveau_3", "niveau_4", "niveau_5", "niveau_6", "niveau_7"];
const DEPARTEMENTS = ["31", "09", "81", "82", "11", "34", "66", "65"];
const COHORTS = ["2020-09", "2021-01", "2021-05", "2021-09"];
const COHORT_START = ["2020-09-28", "2021-01-11", "2021-05-10", "2021-09-13"];

function pick<T>(random: RandomSource, values: readonly T[], weights: readonly number[]): T {
  let u = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < values.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return values[i] as T;
  }
  return values[values.length - 1] as T;
}

function addDays(iso: string, days: number): string {
  const t =
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** `count` synthetic participants from a seeded random source. */
export function syntheticParticipants(count: number, random: RandomSource): ParticipantRecord[] {
  const out: ParticipantRecord[] = new Array(count);
  // Precomputed date strings keep generation fast for a million records.
  const dateCache = new Map<string, string>();
  const dateAt = (start: string, days: number): string => {
    const key = `${start}+${days}`;
    let d = dateCache.get(key);
    if (d === undefined) {
      d = addDays(start, days);
      dateCache.set(key, d);
    }
    return d;
  };
  for (let i = 0; i < count; i++) {
    const gender = pick(random, ["female", "male", "other", "undisclosed"] as const, [31, 66, 1.5, 1.5]);
    const territoryKind = pick(random, ["qpv", "zrr", "frr", "other"] as const, [62, 14, 9, 15]);
    const c = Math.floor(random() * COHORTS.length);
    const start = COHORT_START[c] as string;
    const year = 1962 + Math.floor(random() * 42);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birthDate = `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
    const stages: { stage: (typeof STAGES)[number]; on: string }[] = [{ stage: "registered", on: start }];
    const keep = [0.92, 0.85, 0.75, gender === "female" ? 0.38 : 0.55, 0.6];
    for (let s = 1; s < STAGES.length; s++) {
      if (random() >= (keep[s - 1] as number)) break;
      stages.push({
        stage: STAGES[s] as (typeof STAGES)[number],
        on: dateAt(start, s * 3 + (s > 3 ? 30 * (s - 3) : 0)),
      });
    }
    const record: ParticipantRecord = {
      id: `p${i}` as ParticipantRecord["id"],
      gender,
      birthDate,
      territoryKind,
      departement: DEPARTEMENTS[Math.floor(random() * DEPARTEMENTS.length)] as string,
      diplomaLevel: pick(random, DIPLOMAS, [18, 22, 28, 14, 10, 8]),
      cohort: COHORTS[c] as string,
      stages,
    };
    out[i] = record;
  }
  return out;
}
