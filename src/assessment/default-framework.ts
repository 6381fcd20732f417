import { CompetenceFramework } from "./framework.js";

/**
 * The default competence framework: the 16 Pix competences in 5 areas (aligned with DigComp 2.2, whose
 * competence numbers each one covers are listed), plus the two aptitudes the parcours tests (logical
 * reasoning, problem solving), levels 1-8 with DigComp 2.2's proficiency names, and ability cut points
 * every 0.75 logit around 0 (level 4/5 boundary at theta = 0).
 *
 * It is data: pass your own framework (checked by `parseFramework`) wherever one is accepted.
 *
 * @example
 * ```ts
 * import { DEFAULT_FRAMEWORK } from "declics/assessment";
 * DEFAULT_FRAMEWORK.areas.flatMap((a) => a.competences).length;
 * // => 18
 * ```
 * @category Framework
 */
export const DEFAULT_FRAMEWORK: CompetenceFramework = /* @__PURE__ */ CompetenceFramework.parse({
  id: "declics-pix-digcomp",
  name: "Compétences numériques (Pix / DigComp 2.2) et aptitudes du parcours",
  version: "2026.1",
  levelCuts: [-2.25, -1.5, -0.75, 0, 0.75, 1.5, 2.25],
  levels: [
    { level: 1, name: "Fondamental 1", description: "Tâches simples, avec de l'aide." },
    { level: 2, name: "Fondamental 2", description: "Tâches simples, avec de l'aide si besoin." },
    { level: 3, name: "Intermédiaire 3", description: "Tâches bien définies et routinières, seul." },
    { level: 4, name: "Intermédiaire 4", description: "Tâches et problèmes bien définis, de façon autonome." },
    { level: 5, name: "Avancé 5", description: "Tâches variées, en aidant les autres." },
    { level: 6, name: "Avancé 6", description: "Choisir la démarche la plus adaptée à une situation complexe." },
    {
      level: 7,
      name: "Hautement spécialisé 7",
      description: "Résoudre des problèmes complexes aux solutions limitées.",
    },
    { level: 8, name: "Hautement spécialisé 8", description: "Proposer des idées nouvelles dans le domaine." },
  ],
  areas: [
    {
      id: "1",
      name: "Informations et données",
      digcomp: "1",
      competences: [
        { id: "1.1", pix: "1.1", name: "Mener une recherche et une veille d'information", digcomp: ["1.1", "1.2"] },
        { id: "1.2", pix: "1.2", name: "Gérer des données", digcomp: ["1.3"] },
        { id: "1.3", pix: "1.3", name: "Traiter des données", digcomp: ["1.3"] },
      ],
    },
    {
      id: "2",
      name: "Communication et collaboration",
      digcomp: "2",
      competences: [
        { id: "2.1", pix: "2.1", name: "Interagir", digcomp: ["2.1", "2.5"] },
        { id: "2.2", pix: "2.2", name: "Partager et publier", digcomp: ["2.2"] },
        { id: "2.3", pix: "2.3", name: "Collaborer", digcomp: ["2.4"] },
        { id: "2.4", pix: "2.4", name: "S'insérer dans le monde numérique", digcomp: ["2.3", "2.6"] },
      ],
    },
    {
      id: "3",
      name: "Création de contenu",
      digcomp: "3",
      competences: [
        { id: "3.1", pix: "3.1", name: "Développer des documents textuels", digcomp: ["3.1"] },
        { id: "3.2", pix: "3.2", name: "Développer des documents multimédia", digcomp: ["3.1", "3.2"] },
        { id: "3.3", pix: "3.3", name: "Adapter les documents à leur finalité", digcomp: ["3.2", "3.3"] },
        { id: "3.4", pix: "3.4", name: "Programmer", digcomp: ["3.4"] },
      ],
    },
    {
      id: "4",
      name: "Protection et sécurité",
      digcomp: "4",
      competences: [
        { id: "4.1", pix: "4.1", name: "Sécuriser l'environnement numérique", digcomp: ["4.1"] },
        { id: "4.2", pix: "4.2", name: "Protéger les données personnelles et la vie privée", digcomp: ["4.2"] },
        { id: "4.3", pix: "4.3", name: "Protéger la santé, le bien-être et l'environnement", digcomp: ["4.3", "4.4"] },
      ],
    },
    {
      id: "5",
      name: "Environnement numérique",
      digcomp: "5",
      competences: [
        { id: "5.1", pix: "5.1", name: "Résoudre des problèmes techniques", digcomp: ["5.1"] },
        { id: "5.2", pix: "5.2", name: "Construire un environnement numérique", digcomp: ["5.2", "5.3"] },
      ],
    },
    {
      id: "A",
      name: "Aptitudes du parcours",
      competences: [
        {
          id: "A.1",
          kind: "aptitude",
          name: "Raisonnement logique",
          description: "Suites, déductions, règles et conditions.",
        },
        {
          id: "A.2",
          kind: "aptitude",
          name: "Résolution de problèmes",
          description: "Décomposer, planifier, estimer, vérifier.",
        },
      ],
    },
  ],
});
