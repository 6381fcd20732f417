// CJS consumer: requires every subpath of the packed tarball and uses it on the bundled data.
const assert = require("node:assert/strict");
const { DeclicsError, isDeclicsError, TerritoryKind } = require("declics");
const { checkEligibility } = require("declics/territory");
const { loadTerritoryData } = require("declics/data");
const { isWorkingDay } = require("declics/curriculum");
const { estimateAbilityEap } = require("declics/assessment");
const { protectTable } = require("declics/diversity");

const error = new DeclicsError({ code: "usage", module: "cli", details: { reason: "r" } });
assert.ok(isDeclicsError(error, "usage"));
assert.equal(TerritoryKind.parse("zrr"), "zrr");
assert.equal(typeof isWorkingDay, "function");
assert.equal(typeof estimateAbilityEap, "function");
assert.equal(typeof protectTable, "function");

loadTerritoryData().then((data) => {
  // Capitole, Toulouse: in no QPV, and Toulouse is not a rural zone.
  const result = checkEligibility({ lon: 1.4442, lat: 43.6045 }, { on: new Date("2024-05-01"), data });
  assert.equal(result.status, "not_eligible");
  assert.equal(result.commune.codeInsee, "31555");
});
