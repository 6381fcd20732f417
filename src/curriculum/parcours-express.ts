import { ParcoursTemplate } from "./schema.js";

/**
 * The parcours express of DéClics Numériques (Toulouse, 28 September to 9 October 2020), as data: two
 * working weeks for about 200 people. Skill tests first (days 1-2), then inspiring role models and
 * upskilling workshops (days 3-7), then meetings with training organisations and employers and a
 * next-step interview (days 8-10). Copy it (`structuredClone(PARCOURS_EXPRESS)`) and edit it freely;
 * durations and group sizes are a reasonable reading of the programme, not official figures.
 *
 * The two assessment activities refer to assessments of `declics/assessment` by id
 * (`diagnostic-numerique`, `appetences-metiers`). Equipment: the digital-skills test and the coding
 * workshop need `computers`; the welcome and the role-model meetings a
 * `projector`. Describe your rooms' `equipment` so that these are checked.
 *
 * @example
 * ```ts
 * import { PARCOURS_EXPRESS } from "declics/curriculum";
 *
 * PARCOURS_EXPRESS.phases.map((p) => p.id);
 * // => ["tests", "role-models-workshops", "training-employers"]
 * ```
 * @category Templates
 */
export const PARCOURS_EXPRESS: ParcoursTemplate = ParcoursTemplate.parse({
  id: "parcours-express",
  title: "Parcours express DéClics Numériques",
  workingDays: 10,
  phases: [
    { id: "tests", title: "Tests", fromDay: 1, toDay: 2, stage: "assessed" },
    {
      id: "role-models-workshops",
      title: "Modèles inspirants et ateliers de montée en compétences",
      fromDay: 3,
      toDay: 7,
      stage: "workshops",
    },
    {
      id: "training-employers",
      title: "Organismes de formation et employeurs",
      fromDay: 8,
      toDay: 10,
      stage: "met_training_or_employers",
    },
  ],
  activities: [
    {
      id: "welcome",
      kind: "information_session",
      title: "Accueil et présentation du parcours",
      phaseId: "tests",
      durationMinutes: 90,
      maxGroupSize: 120,
      modality: "either",
      needs: { room: true, facilitators: 1, speakers: 0, equipment: ["projector"] },
    },
    {
      id: "digital-skills-test",
      kind: "assessment",
      title: "Test de compétences numériques",
      phaseId: "tests",
      assessmentId: "diagnostic-numerique",
      durationMinutes: 90,
      maxGroupSize: 16,
      prerequisites: ["welcome"],
      modality: "either",
      needs: { room: true, facilitators: 1, speakers: 0, equipment: ["computers"] },
    },
    {
      id: "interests-questionnaire",
      kind: "assessment",
      title: "Questionnaire d'appétences métiers",
      phaseId: "tests",
      assessmentId: "appetences-metiers",
      durationMinutes: 60,
      maxGroupSize: 16,
      prerequisites: ["welcome"],
      modality: "either",
      needs: { room: true, facilitators: 1, speakers: 0 },
    },
    {
      id: "role-models",
      kind: "role_model_meeting",
      title: "Rencontre avec des modèles inspirants",
      phaseId: "role-models-workshops",
      durationMinutes: 120,
      minGroupSize: 5,
      maxGroupSize: 25,
      prerequisites: ["digital-skills-test", "interests-questionnaire"],
      modality: "either",
      needs: { room: true, facilitators: 0, speakers: 1, equipment: ["projector"] },
    },
    {
      id: "workshop-tech-jobs",
      kind: "workshop",
      title: "Atelier découverte des métiers du numérique",
      phaseId: "role-models-workshops",
      durationMinutes: 180,
      minGroupSize: 4,
      maxGroupSize: 12,
      prerequisites: ["interests-questionnaire"],
      modality: "either",
      needs: { room: true, facilitators: 1, speakers: 0 },
    },
    {
      id: "workshop-first-code",
      kind: "workshop",
      title: "Atelier initiation au code",
      phaseId: "role-models-workshops",
      durationMinutes: 180,
      minGroupSize: 4,
      maxGroupSize: 12,
      prerequisites: ["digital-skills-test"],
      modality: "either",
      needs: { room: true, facilitators: 1, speakers: 0, equipment: ["computers"] },
    },
    {
      id: "workshop-online-profile",
      kind: "workshop",
      title: "Atelier CV et profil professionnel en ligne",
      phaseId: "role-models-workshops",
      durationMinutes: 120,
      minGroupSize: 4,
      maxGroupSize: 12,
      prerequisites: ["digital-skills-test"],
      modality: "either",
      needs: { room: true, facilitators: 1, speakers: 0 },
    },
    {
      id: "training-organisations",
      kind: "training_organisation_meeting",
      title: "Rencontre avec des organismes de formation",
      phaseId: "training-employers",
      durationMinutes: 120,
      minGroupSize: 5,
      maxGroupSize: 30,
      prerequisites: ["role-models", "workshop-tech-jobs"],
      modality: "either",
      needs: { room: true, facilitators: 0, speakers: 1 },
    },
    {
      id: "employers",
      kind: "employer_meeting",
      title: "Rencontre avec des employeurs",
      phaseId: "training-employers",
      durationMinutes: 120,
      minGroupSize: 5,
      maxGroupSize: 20,
      prerequisites: ["role-models", "workshop-tech-jobs", "workshop-online-profile"],
      modality: "either",
      needs: { room: true, facilitators: 0, speakers: 1 },
    },
    {
      id: "next-step-interview",
      kind: "individual_interview",
      title: "Entretien individuel de suite de parcours",
      phaseId: "training-employers",
      durationMinutes: 30,
      maxGroupSize: 1,
      prerequisites: ["training-organisations", "employers"],
      modality: "either",
      needs: { room: false, facilitators: 1, speakers: 0 },
    },
  ],
});
