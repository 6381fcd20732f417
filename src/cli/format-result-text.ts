import type { EligibilityResult } from "../territory/index.js";
import { REASON_TEXT, t, type Lang, type MessageKey } from "./messages.js";

/**
 * The short explanation `declics check` prints for one answer.
 * @module
 */

const REGIME_LABEL: Readonly<Record<string, string>> = {
  qpv2015: "liste 2015",
  qpv2024: "liste 2024",
  zrr: "ZRR",
  frr: "FRR",
};
const REGIME_LABEL_EN: Readonly<Record<string, string>> = {
  qpv2015: "2015 list",
  qpv2024: "2024 list",
  zrr: "ZRR",
  frr: "FRR",
};
const MAPPING: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  fr: {
    arrondissement_municipal: "arrondissement municipal",
    ancien_code: "ancien code d'une commune fusionnée",
    commune_deleguee: "commune déléguée",
    cog_version: "changement de géographie communale",
  },
  en: {
    arrondissement_municipal: "municipal arrondissement",
    ancien_code: "old code of a merged commune",
    commune_deleguee: "commune déléguée",
    cog_version: "commune geography change",
  },
};

/**
 * Formats an answer as a few lines of text: status, date, point, commune (and any code mapping), QPV
 * (zone, regime, distance to the edge), rural zoning, and the reasons (the engine's French messages; short
 * English ones with `lang: "en"`).
 *
 * @param result - the engine's answer
 * @param lang - fr or en
 * @returns the text, without a final newline
 * @example
 * ```ts
 * formatResultText(result, "fr").split("\n")[0]; // => "ÉLIGIBLE — 2024-05-01"
 * ```
 */
export function formatResultText(result: EligibilityResult, lang: Lang): string {
  const regime = (r: string | null): string =>
    r === null ? "" : ((lang === "en" ? REGIME_LABEL_EN : REGIME_LABEL)[r] ?? r);
  const m = (n: number | null): string => (n === null || !Number.isFinite(n) ? "" : String(Math.round(n)));
  const c = lang === "en" ? ":" : " :";
  const lines: string[] = [];
  lines.push(`${t(lang, `result.status.${result.status}`)} — ${result.on}`);
  if (result.point !== null)
    lines.push(`${t(lang, "result.point")}${c} ${result.point.lon.toFixed(6)}, ${result.point.lat.toFixed(6)}`);
  if (result.commune !== null) {
    let commune = `${result.commune.name} (${result.commune.codeInsee})`;
    const mapped = result.commune.mappedFrom;
    if (mapped !== undefined)
      commune += ` — ${t(lang, "result.mapped", { code: mapped.code, name: result.commune.name, why: MAPPING[lang][mapped.reason] ?? mapped.reason })}`;
    const dc = m(result.distanceToBoundaryM.commune);
    if (dc !== "") commune += `, ${t(lang, "result.communeDistance", { m: dc })}`;
    lines.push(`${t(lang, "result.commune")}${c} ${commune}`);
  }
  const q = result.qpv;
  let qpv: string;
  if (q.regime === null) qpv = t(lang, "result.qpv.none");
  else if (q.status === "inside" && q.zone !== null)
    qpv = t(lang, "result.qpv.inside", { code: q.zone.code, name: q.zone.name, regime: regime(q.regime) });
  else qpv = t(lang, `result.qpv.${q.status}` as MessageKey, { regime: regime(q.regime) });
  if (q.status === "uncertain" && q.zone !== null) qpv += ` — ${q.zone.code} « ${q.zone.name} »`;
  const dq = m(result.distanceToBoundaryM.qpv ?? q.distanceToBoundaryM);
  if (dq !== "") qpv += `, ${t(lang, "result.distance", { m: dq })}`;
  lines.push(`${t(lang, "result.qpv")}${c} ${qpv}`);
  const r = result.rural;
  const label = r.classification === null ? "" : ` : ${r.classification}`;
  const rural =
    r.regime === null
      ? t(lang, "result.rural.none")
      : t(lang, `result.rural.${r.status}`, { regime: regime(r.regime), label });
  lines.push(`${t(lang, "result.rural")}${c} ${rural}`);
  if (result.reasons.length > 0) {
    lines.push(`${t(lang, "result.reasons")}${c}`);
    for (const reason of result.reasons) {
      const text = lang === "en" ? (REASON_TEXT.en[reason.code] ?? reason.message) : reason.message;
      lines.push(`  - ${text} [${reason.code}]`);
    }
  }
  return lines.join("\n");
}
