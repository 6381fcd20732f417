import { isDeclicsError } from "declics";
import {
  createBanGeocoder,
  createTerritoryDataSource,
  renderEvidenceSvg,
  type DataSourceSubject,
  type EligibilityResult,
} from "declics/territory";

// The data folder copied by `declics data copy public/declics-data`, served next to the page.
const source = createTerritoryDataSource({ baseUrl: new URL("declics-data/", document.baseURI).href });
const geocoder = createBanGeocoder();

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const STATUS = { eligible: "Éligible", not_eligible: "Non éligible", uncertain: "À vérifier (incertain)" } as const;

$<HTMLInputElement>("on").valueAsDate ??= new Date();

function subjectOf(kind: string, value: string): DataSourceSubject {
  if (kind === "point") {
    const [lon, lat] = value
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(Number);
    return { lon: lon ?? NaN, lat: lat ?? NaN };
  }
  if (kind === "codeInsee") return { codeInsee: value.trim() };
  if (kind === "postcode") return { postcode: value.trim() };
  return { address: value.trim() };
}

function show(subject: DataSourceSubject, result: EligibilityResult): void {
  const status = $("status");
  status.className = result.status;
  status.textContent = `${STATUS[result.status]}${result.commune ? ` — ${result.commune.name} (${result.commune.codeInsee})` : ""}`;
  $("reasons").replaceChildren(
    ...result.reasons.map((reason) => {
      const li = document.createElement("li");
      li.textContent = reason.message;
      li.dataset.code = reason.code;
      return li;
    }),
  );
  // The same evidence map as `declics check --svg`, drawn from the data the answer used.
  $("map").innerHTML = result.point === null ? "" : renderEvidenceSvg({ result, data: source.dataFor(subject) });
}

$<HTMLFormElement>("form").addEventListener("submit", (event) => {
  event.preventDefault();
  const kind = $<HTMLSelectElement>("kind").value;
  const subject = subjectOf(kind, $<HTMLInputElement>("value").value);
  const on = new Date(`${$<HTMLInputElement>("on").value}T12:00:00Z`);
  $("status").className = "";
  $("status").textContent = "…";
  source
    .checkEligibility(subject, { on, geocoder })
    .then((result) => show(subject, result))
    .catch((error: unknown) => {
      $("status").className = "error";
      $("status").textContent = isDeclicsError(error)
        ? `Erreur (${error.code}) : ${error.message}`
        : `Erreur : ${String(error)}`;
      $("reasons").replaceChildren();
      $("map").innerHTML = "";
    })
    .finally(() => {
      const { bytes, requests } = source.stats();
      $("transfer").textContent = `Données téléchargées : ${(bytes / 1e6).toFixed(2)} Mo en ${requests} fichiers.`;
      document.body.dataset.done = String(Number(document.body.dataset.done ?? 0) + 1);
    });
});
