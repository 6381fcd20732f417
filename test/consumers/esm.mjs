// ESM consumer: imports every subpath of the packed tarball and uses it on the bundled data.
import assert from "node:assert/strict";
import { DeclicsError, formatDeclicsError, isDeclicsError, TerritoryKind } from "declics";
import { checkEligibility, DECLICS_POLICY } from "declics/territory";
import { loadTerritoryData, describeDatasets } from "declics/data";
import { PARCOURS_EXPRESS, listPublicHolidays } from "declics/curriculum";
import { computeProbability, STARTER_BANK } from "declics/assessment";
import { computeProportionInterval } from "declics/diversity";

const error = new DeclicsError({ code: "usage", module: "cli", details: { reason: "r" } });
assert.ok(isDeclicsError(error, "usage"));
assert.equal(TerritoryKind.parse("qpv"), "qpv");

// Territory on the compiled data shipped in the tarball: Reynerie, Toulouse, is in QPV "Grand Mirail".
const data = await loadTerritoryData();
const result = checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on: new Date("2024-05-01"), data });
assert.equal(result.status, "eligible");
assert.equal(result.qpv.zone?.code, "QN03107M");
assert.equal(DECLICS_POLICY.qpv, true);
// An error raised by the package carries its English message; formatDeclicsError writes it in French too.
const refused = (() => {
  try {
    checkEligibility({ codeInsee: "3155" }, { on: "2025-01-15", data });
  } catch (e) {
    return e;
  }
})();
assert.ok(isDeclicsError(refused, "malformed_code") || isDeclicsError(refused, "invalid_input"), String(refused));
assert.match(refused.message, /expected/);
assert.match(formatDeclicsError(refused, { language: "fr" }), /attendu/);
assert.ok((await describeDatasets()).length >= 7);

assert.ok(listPublicHolidays("mainland", 2024).some((h) => h.date === "2024-04-01"));
assert.ok(PARCOURS_EXPRESS.activities.length > 0);
assert.ok(STARTER_BANK.items.length >= 120);
assert.ok(Math.abs(computeProbability({ a: 1, b: 0, c: 0 }, 0) - 0.5) < 1e-12);
const interval = computeProportionInterval(5, 10);
assert.ok(interval.computable && interval.lower < 0.5 && interval.upper > 0.5);

// The data files are reachable through exports (declics/data/*): the web data answers through a data source.
import { readFile } from "node:fs/promises";
import { createTerritoryDataSource } from "declics/territory";
const webDir = new URL(".", import.meta.resolve("declics/data/web/manifest.json"));
const source = createTerritoryDataSource({
  fetch: async (path) =>
    new Response(await readFile(new URL(path, webDir)), {
      headers: { "content-type": path.endsWith(".json") ? "application/json" : "application/gzip" },
    }),
});
assert.equal(
  (await source.checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on: new Date("2025-03-01") })).qpv.zone?.code,
  "QN03107M",
);
