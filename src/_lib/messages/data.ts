/**
 * The messages of missing and corrupt data, with what to do in each situation.
 * @module
 */
import type { DeclicsErrorDetails, ErrorLanguage } from "../../errors.js";
import { type MessagePart, en, fr } from "./part.js";
import { ownEntry, shown } from "./values.js";
import { pick } from "./vocabulary.js";

const DATA_REMEDY = {
  build_data: [
    "In a checkout of declics, run `npm run build:data`; in an app, reinstall declics or give the data folder: loadTerritoryData({ dir })",
    "Dans une copie de travail de declics, lancez `npm run build:data` ; " +
      "dans une application, réinstallez declics ou donnez le dossier des données : loadTerritoryData({ dir })",
  ],
  reinstall: ["It ships with the package: reinstall declics", "Il est livré avec le paquet : réinstallez declics"],
  pass_bytes: ["Pass its bytes under that key", "Donnez ses octets sous cette clé"],
  sources_dir: [
    "Set DECLICS_DATA_SOURCES to the directory holding the official files (see data/sources.json and docs/data.md)",
    "Indiquez dans DECLICS_DATA_SOURCES le dossier des fichiers officiels (voir data/sources.json et docs/data.md)",
  ],
  copy_web_data: [
    "Copy the data of the installed declics with `declics data copy`",
    "Recopiez les données de la version installée de declics avec `declics data copy`",
  ],
} as const;

const DATA_SITUATION = {
  checkout: [
    "Run `npm run build:data` (it needs the official source files, see docs/data.md)",
    "Lancez `npm run build:data` (il lui faut les fichiers sources officiels, voir docs/data.md)",
  ],
  installed_package: [
    "The installed package is incomplete (its data/build ships in the npm tarball): reinstall declics (`npm ci`, or `npm install declics`)",
    "Le paquet installé est incomplet (son dossier data/build est livré dans l'archive npm) : réinstallez declics (`npm ci`, ou `npm install declics`)",
  ],
  bundled: [
    "This code runs from a bundle (esbuild, Docker, serverless) without the package's data folder: copy " +
      "node_modules/declics/data/build next to it and pass `loadTerritoryData({ dir })`, or leave declics external to the bundle (see docs/data.md)",
    "Ce code tourne depuis un bundle (esbuild, Docker, serverless) sans le dossier de données du paquet : copiez " +
      "node_modules/declics/data/build à côté et passez `loadTerritoryData({ dir })`, ou laissez declics hors du bundle (voir docs/data.md)",
  ],
  custom_dir: [
    "The `dir` given must be a copy of the package's data/build folder (manifest.json and the artefacts it lists)",
    "Le `dir` donné doit être une copie du dossier data/build du paquet (manifest.json et les artefacts qu'il liste)",
  ],
} as const;

/** What to do about missing data, in a language: by situation (Node loaders) when known, else by remedy. */
export function dataMissingAdvice(
  d: Pick<DeclicsErrorDetails["data_missing"], "situation" | "remedy">,
  lang: ErrorLanguage,
): string {
  return pick(ownEntry(DATA_SITUATION, d.situation) ?? ownEntry(DATA_REMEDY, d.remedy) ?? DATA_REMEDY.build_data, lang);
}

const at = (path: unknown, lang: ErrorLanguage): string =>
  typeof path === "string" && path !== "" ? (lang === "fr" ? `${shown(path)} : ` : `${shown(path)}: `) : "";

/** Missing and corrupt data. */
export const DATA_MESSAGES: MessagePart<"data_missing" | "data_integrity"> = {
  data_missing: {
    en: (d) => `Data ${shown(d.dataset)} is missing: ${shown(d.location)} not found. ${dataMissingAdvice(d, "en")}.`,
    fr: (d) =>
      `Données ${shown(d.dataset)} manquantes : ${shown(d.location)} introuvable. ${dataMissingAdvice(d, "fr")}.`,
  },
  data_integrity: {
    en: (d) =>
      `Data ${shown(d.dataset)} is corrupt or does not match its manifest: ${at(d.path, "en")}expected ${en(d.expected)}, received ` +
      `${shown(d.received)}. Rebuild it with ` +
      `\`npm run build:data\` (or reinstall declics).`,
    fr: (d) =>
      `Données ${shown(d.dataset)} corrompues ou différentes de leur manifeste : ${at(d.path, "fr")}attendu ${fr(d.expected)}, reçu ${shown(d.received)}. ` +
      `Reconstruisez-les avec \`npm run build:data\` (ou réinstallez declics).`,
  },
};
