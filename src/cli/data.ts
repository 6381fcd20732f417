import type { Writable } from "node:stream";
import type { CopiedWebData, DatasetDescription } from "../data/index.js";
import type { Lang } from "./messages.js";

/**
 * `declics data`: what the answers are built on.
 * @module
 */

const LABELS = {
  fr: {
    vintage: "Millésime",
    validity: "Validité",
    coverage: "Couverture",
    accuracy: "Précision",
    count: "Effectif",
    licence: "Licence",
    checksum: "SHA-256",
    source: "Source",
    artefacts: "Compilé dans",
    notBuilt: "non compilé (npm run build:data)",
    none: "sans objet (table)",
    still: "en vigueur",
    unverified: "non vérifiée",
  },
  en: {
    vintage: "Vintage",
    validity: "Validity",
    coverage: "Coverage",
    accuracy: "Accuracy",
    count: "Count",
    licence: "Licence",
    checksum: "SHA-256",
    source: "Source",
    artefacts: "Compiled into",
    notBuilt: "not compiled (npm run build:data)",
    none: "n/a (table)",
    still: "in force",
    unverified: "unverified",
  },
} as const;

/**
 * Formats the dataset descriptions of `describeDatasets()` for people: one block per dataset with its
 * vintage, validity dates per regime, coverage, positional accuracy, row or feature count, licence,
 * checksum and compiled artefacts.
 *
 * @param datasets - from `describeDatasets()`
 * @param lang - fr or en
 * @returns the text
 * @example
 * ```ts
 * formatDatasets(await describeDatasets(), "fr").includes("Millésime"); // => true
 * ```
 */
export function formatDatasets(datasets: readonly DatasetDescription[], lang: Lang): string {
  const l = LABELS[lang];
  const c = lang === "en" ? ":" : " :";
  const blocks = datasets.map((d) => {
    const validity = d.validity.map((v) => `${v.regime} (${v.area}) ${v.from} → ${v.until ?? l.still}`).join("; ");
    const artefacts =
      d.artefacts.length === 0
        ? l.notBuilt
        : d.artefacts.map((a) => `${a.file} (${(a.bytes / 1024).toFixed(0)} KiB)`).join(", ");
    return [
      `${d.id} — ${d.title}`,
      `  ${l.vintage}${c} ${d.millesime}${d.cog === null ? "" : ` (COG ${d.cog})`}`,
      `  ${l.validity}${c} ${validity || "—"}`,
      `  ${l.coverage}${c} ${d.coverage}`,
      `  ${l.accuracy}${c} ${d.accuracyM === null ? l.none : `${d.accuracyM} m`}`,
      `  ${l.count}${c} ${d.count.value} ${d.count.unit}`,
      `  ${l.licence}${c} ${d.licence.name}${d.licence.verified ? "" : ` (${l.unverified})`}`,
      `  ${l.source}${c} ${d.officialUrl ?? `${d.origin.repo}/${d.origin.path}`}`,
      `  ${l.checksum}${c} ${d.sha256}`,
      `  ${l.artefacts}${c} ${artefacts}`,
    ].join("\n");
  });
  return blocks.join("\n\n");
}

/**
 * Runs `declics data`.
 *
 * @param options - `json` output and language
 * @param io - output stream and the describer (describeDatasets from declics/data)
 * @returns the exit code (0)
 * @example
 * ```ts
 * await runData({ json: true, lang: "fr" }, { stdout: process.stdout, describe: describeDatasets });
 * // => 0
 * ```
 */
export async function runData(
  options: { readonly json: boolean; readonly lang: Lang },
  io: { readonly stdout: Writable; readonly describe: () => Promise<DatasetDescription[]> },
): Promise<number> {
  const datasets = await io.describe();
  io.stdout.write(
    options.json ? `${JSON.stringify(datasets, null, 2)}\n` : `${formatDatasets(datasets, options.lang)}\n`,
  );
  return 0;
}

const COPY_LABELS = {
  fr: {
    done:
      "Données web copiées dans {dir} : {files} fichiers, {mib} Mio ({removed} fichiers périmés supprimés). " +
      "Servez ce dossier tel quel et passez son URL à createTerritoryDataSource({ baseUrl }).",
  },
  en: {
    done:
      "Web data copied to {dir}: {files} files, {mib} MiB ({removed} stale files removed). " +
      "Serve this folder as is and pass its URL to createTerritoryDataSource({ baseUrl }).",
  },
} as const;

/**
 * Runs `declics data copy DIR`: copies the web data (for browsers and edge runtimes) to a folder a static
 * host serves, checking every file against its manifest.
 *
 * @param dir - the target folder
 * @param options - language
 * @param io - output stream and the copier (copyWebData from declics/data)
 * @returns the exit code (0; a DeclicsError propagates to the CLI's error handling)
 * @example
 * ```ts
 * await runDataCopy("public/declics-data", { lang: "fr" }, { stdout: process.stdout, copy: copyWebData });
 * // => 0
 * ```
 */
export async function runDataCopy(
  dir: string,
  options: { readonly lang: Lang },
  io: { readonly stdout: Writable; readonly copy: (options: { dir: string }) => Promise<CopiedWebData> },
): Promise<number> {
  const copied = await io.copy({ dir });
  const text = COPY_LABELS[options.lang].done
    .replace("{dir}", copied.dir)
    .replace("{files}", String(copied.files))
    .replace("{mib}", (copied.bytes / 1024 / 1024).toFixed(1))
    .replace("{removed}", String(copied.removed));
  io.stdout.write(`${text}\n`);
  return 0;
}
