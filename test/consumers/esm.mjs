// ESM consumer: imports every subpath of the packed tarball and uses it.
import assert from "node:assert/strict";
import { DeclicsError, isDeclicsError, TerritoryKind } from "declics";
import * as territory from "declics/territory";
import * as curriculum from "declics/curriculum";
import * as assessment from "declics/assessment";
import * as diversity from "declics/diversity";
import * as data from "declics/data";

const error = new DeclicsError({ code: "usage", module: "cli", message: "m", details: { reason: "r" } });
assert.ok(isDeclicsError(error, "usage"));
assert.equal(TerritoryKind.parse("qpv"), "qpv");
for (const [name, mod] of Object.entries({ territory, curriculum, assessment, diversity, data })) {
  assert.ok(Object.keys(mod).length > 0, `declics/${name} exports nothing`);
}
