// CJS consumer: requires every subpath of the packed tarball and uses it.
const assert = require("node:assert/strict");
const { DeclicsError, isDeclicsError, TerritoryKind } = require("declics");
const modules = {
  territory: require("declics/territory"),
  curriculum: require("declics/curriculum"),
  assessment: require("declics/assessment"),
  diversity: require("declics/diversity"),
  data: require("declics/data"),
};

const error = new DeclicsError({ code: "usage", module: "cli", message: "m", details: { reason: "r" } });
assert.ok(isDeclicsError(error, "usage"));
assert.equal(TerritoryKind.parse("zrr"), "zrr");
for (const [name, mod] of Object.entries(modules)) {
  assert.ok(Object.keys(mod).length > 0, `declics/${name} exports nothing`);
}
