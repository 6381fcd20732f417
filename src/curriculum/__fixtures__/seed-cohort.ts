import { createSeededRandom } from "../../_lib/random.js";
import type { CohortInput, ParticipantInput, ResourceInput } from "../schema.js";

/**
 * The seed cohort: the parcours express of DéClics Numériques in Toulouse, 28 September to 9 October
 * 2020, about 200 people (launch article in ../shared/seed). The article gives no roster, so the people
 * are synthetic and generated from a fixed seed: gender and territory mix in line with the programme's
 * public (QPV and ZRR residents), a few unavailable days, a few remote-only participants. Resources are
 * a plausible venue: a plenary hall, computer rooms, meeting rooms (with their equipment), ten
 * counsellors and the speakers; one person in forty needs step-free access.
 */
export function seedCohort(size = 200): CohortInput {
  const random = createSeededRandom("declics-toulouse-2020");
  const days = [
    "2020-09-28",
    "2020-09-29",
    "2020-09-30",
    "2020-10-01",
    "2020-10-02",
    "2020-10-05",
    "2020-10-06",
    "2020-10-07",
    "2020-10-08",
    "2020-10-09",
  ];
  const participants: ParticipantInput[] = [];
  for (let i = 1; i <= size; i++) {
    const g = random();
    const t = random();
    const a = random();
    const unavailable = random() < 0.12 ? [days[Math.floor(random() * days.length)] as string] : [];
    participants.push({
      id: `p${String(i).padStart(3, "0")}`,
      gender: g < 0.42 ? "female" : g < 0.97 ? "male" : "other",
      territoryKind: t < 0.82 ? "qpv" : t < 0.97 ? "zrr" : "other",
      ageBand: a < 0.45 ? "under_26" : a < 0.9 ? "26_49" : "50_plus",
      unavailableDays: unavailable,
      remoteOnly: i % 25 === 0,
      requires: i % 40 === 7 ? ["step_free_access"] : [],
    });
  }
  const resources = seedResources(days);
  return {
    id: "toulouse-2020",
    title: "Parcours express DéClics Numériques — Toulouse",
    startDate: "2020-09-28",
    calendarZone: "mainland",
    timeZone: "Europe/Paris",
    location: "Toulouse",
    participants,
    resources,
  };
}

/** The venue and the people who run the parcours (no randomness: the same for every size). */
function seedResources(days: readonly string[]): ResourceInput[] {
  const resources: ResourceInput[] = [
    {
      id: "plenary",
      kind: "room",
      name: "Amphithéâtre",
      capacity: 120,
      equipment: ["projector", "step_free_access", "hearing_loop", "videoconference"],
    },
    {
      id: "lab-1",
      kind: "room",
      name: "Salle informatique 1",
      capacity: 16,
      equipment: ["computers", "projector", "step_free_access"],
    },
    {
      id: "lab-2",
      kind: "room",
      name: "Salle informatique 2",
      capacity: 16,
      equipment: ["computers", "projector", "step_free_access"],
    },
    { id: "lab-3", kind: "room", name: "Salle informatique 3", capacity: 16, equipment: ["computers", "projector"] },
    { id: "lab-4", kind: "room", name: "Salle informatique 4", capacity: 16, equipment: ["computers", "projector"] },
    {
      id: "meeting-1",
      kind: "room",
      name: "Salle de réunion 1",
      capacity: 30,
      equipment: ["projector", "step_free_access", "videoconference"],
    },
    {
      id: "meeting-2",
      kind: "room",
      name: "Salle de réunion 2",
      capacity: 30,
      equipment: ["projector", "videoconference"],
    },
  ];
  for (let i = 1; i <= 10; i++)
    resources.push({ id: `counsellor-${i}`, kind: "facilitator", name: `Conseiller·ère ${i}` });
  for (let i = 1; i <= 4; i++) {
    resources.push({
      id: `role-model-${i}`,
      kind: "speaker",
      name: `Modèle inspirant ${i}`,
      activityKinds: ["role_model_meeting"],
      availableDays: days.slice(2, 7).filter((_, k) => (k + i) % 5 !== 0),
    });
  }
  for (let i = 1; i <= 3; i++)
    resources.push({
      id: `training-org-${i}`,
      kind: "speaker",
      name: `Organisme de formation ${i}`,
      activityKinds: ["training_organisation_meeting"],
    });
  for (let i = 1; i <= 4; i++)
    resources.push({
      id: `employer-${i}`,
      kind: "speaker",
      name: `Employeur ${i}`,
      activityKinds: ["employer_meeting"],
      unavailableDays: [days[6 + i] ?? "2020-10-09"],
    });
  return resources;
}
