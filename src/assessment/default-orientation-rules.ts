import { OrientationRules } from "./orientation-rules.js";

const ROME_CHECK =
  "code et libellé relevés dans un extrait public de la liste des fiches ROME (table jobs_rome, mise à jour 2024-09-17), " +
  "cohérents avec la liste des 532 fiches historiques conservées par le ROME 4.0 (France Travail, data.gouv.fr) ; à revérifier sur l'API ROME 4.0";
const ROME_UNVERIFIED =
  "NON VÉRIFIÉ : fiche créée avec le ROME 4.0 selon des sources secondaires ; vérifier le code sur l'API ROME 4.0 avant usage";

/**
 * Default orientation rules: seven tech job families with their ROME sheets and the entry levels (after a
 * short training) they ask for, and the upskilling workshops of the parcours with the competences each
 * develops. The levels are the programme's working assumptions, not an official standard: adjust them.
 *
 * @example
 * ```ts
 * import { DEFAULT_ORIENTATION_RULES } from "declics/assessment";
 * DEFAULT_ORIENTATION_RULES.jobFamilies.map((f) => f.id).includes("developpement");
 * // => true
 * ```
 * @category Orientation
 */
export const DEFAULT_ORIENTATION_RULES: OrientationRules = /* @__PURE__ */ OrientationRules.parse({
  version: "2026.1",
  reachThreshold: 0.6,
  maxGapClosable: 2,
  jobFamilies: [
    {
      id: "developpement",
      name: "Développement logiciel et web",
      rome: [{ code: "M1805", label: "Études et développement informatique", checked: ROME_CHECK }],
      requirements: [
        { competence: "3.4", level: 3, weight: 2 },
        { competence: "A.1", level: 4, weight: 2 },
        { competence: "A.2", level: 3 },
        { competence: "5.2", level: 3 },
        { competence: "1.1", level: 3 },
      ],
    },
    {
      id: "support",
      name: "Support et maintenance informatique",
      rome: [
        { code: "I1401", label: "Maintenance informatique et bureautique", checked: ROME_CHECK },
        { code: "M1802", label: "Expertise et support en systèmes d'information", checked: ROME_CHECK },
      ],
      requirements: [
        { competence: "5.1", level: 4, weight: 2 },
        { competence: "5.2", level: 3 },
        { competence: "4.1", level: 3 },
        { competence: "2.1", level: 3 },
        { competence: "A.2", level: 3 },
      ],
    },
    {
      id: "systemes-reseaux",
      name: "Administration systèmes et réseaux",
      rome: [
        { code: "M1801", label: "Administration de systèmes d'information", checked: ROME_CHECK },
        { code: "M1810", label: "Production et exploitation de systèmes d'information", checked: ROME_CHECK },
      ],
      requirements: [
        { competence: "5.2", level: 4, weight: 2 },
        { competence: "5.1", level: 4 },
        { competence: "4.1", level: 4, weight: 2 },
        { competence: "A.1", level: 4 },
        { competence: "3.4", level: 2 },
      ],
    },
    {
      id: "cybersecurite",
      name: "Cybersécurité (premiers postes)",
      rome: [{ code: "M1812", label: "Cybersécurité", checked: ROME_UNVERIFIED }],
      requirements: [
        { competence: "4.1", level: 5, weight: 2 },
        { competence: "4.2", level: 4 },
        { competence: "5.2", level: 4 },
        { competence: "A.1", level: 4 },
      ],
    },
    {
      id: "donnees",
      name: "Données et analyse",
      rome: [{ code: "M1403", label: "Études et prospectives socio-économiques", checked: ROME_CHECK }],
      requirements: [
        { competence: "1.3", level: 4, weight: 2 },
        { competence: "1.2", level: 4 },
        { competence: "A.1", level: 4, weight: 2 },
        { competence: "1.1", level: 3 },
        { competence: "4.2", level: 3 },
      ],
    },
    {
      id: "design-web",
      name: "Conception web et design d'interfaces",
      rome: [
        { code: "E1205", label: "Réalisation de contenus multimédias", checked: ROME_CHECK },
        { code: "E1104", label: "Conception de contenus multimédias", checked: ROME_CHECK },
      ],
      requirements: [
        { competence: "3.2", level: 4, weight: 2 },
        { competence: "3.3", level: 3 },
        { competence: "3.1", level: 3 },
        { competence: "2.2", level: 3 },
        { competence: "A.2", level: 3 },
      ],
    },
    {
      id: "marketing-numerique",
      name: "Marketing et communication numériques",
      rome: [
        { code: "E1101", label: "Animation de site multimédia", checked: ROME_CHECK },
        { code: "M1705", label: "Marketing", checked: ROME_CHECK },
      ],
      requirements: [
        { competence: "2.2", level: 4, weight: 2 },
        { competence: "2.4", level: 3 },
        { competence: "3.2", level: 3 },
        { competence: "1.3", level: 3 },
        { competence: "1.1", level: 3 },
      ],
    },
  ],
  workshops: [
    {
      id: "atelier-logique",
      name: "Logique et algorithmique",
      competences: ["A.1", "A.2"],
      targetLevel: 4,
      durationHours: 6,
    },
    {
      id: "atelier-code",
      name: "Premiers pas en programmation",
      competences: ["3.4", "A.1"],
      targetLevel: 3,
      durationHours: 6,
    },
    {
      id: "atelier-projet-web",
      name: "Programmer un petit projet web",
      competences: ["3.4", "3.3", "5.2"],
      targetLevel: 4,
      durationHours: 12,
    },
    {
      id: "atelier-depannage",
      name: "Dépanner et configurer son environnement",
      competences: ["5.1", "5.2"],
      targetLevel: 4,
      durationHours: 6,
    },
    {
      id: "atelier-securite",
      name: "Sécurité et données personnelles",
      competences: ["4.1", "4.2", "4.3"],
      targetLevel: 4,
      durationHours: 6,
    },
    {
      id: "atelier-donnees",
      name: "Tableurs et données",
      competences: ["1.2", "1.3"],
      targetLevel: 4,
      durationHours: 6,
    },
    {
      id: "atelier-recherche",
      name: "Chercher, vérifier, faire sa veille",
      competences: ["1.1", "2.4"],
      targetLevel: 4,
      durationHours: 3,
    },
    {
      id: "atelier-contenus",
      name: "Créer des contenus textes et multimédias",
      competences: ["3.1", "3.2", "3.3"],
      targetLevel: 4,
      durationHours: 6,
    },
    {
      id: "atelier-collaborer",
      name: "Communiquer et collaborer en ligne",
      competences: ["2.1", "2.2", "2.3", "2.4"],
      targetLevel: 4,
      durationHours: 3,
    },
  ],
});
