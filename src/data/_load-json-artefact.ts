import { resolve } from "node:path";
import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { readJsonArtefact } from "./_read-json-artefact.js";
import { defaultBuildDir } from "./_paths.js";

/** The options of the loaders of one JSON artefact (`loadSchoolCalendar`, `loadReferencePopulations`). */
export const JsonArtefactOptions = z
  .object({
    /** Directory holding the compiled artefacts and their manifest.json (default: the package's data/build). */
    dir: z.string().min(1).optional(),
  })
  .strict();

/**
 * The first steps of a JSON artefact loader: validates its options (`what` names them in errors), then reads
 * the artefact from `dir` or the package's data/build, checked against the manifest (see `readJsonArtefact`).
 */
export function loadJsonArtefact(options: unknown, what: string, name: string): unknown {
  const { dir } = parseWith(JsonArtefactOptions, options, { module: "data", what });
  return readJsonArtefact(dir === undefined ? defaultBuildDir() : resolve(dir), name);
}
