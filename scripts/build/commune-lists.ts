import { defineBuilder } from "./types.js";

/** Commune lists: today's communes, code mappings, postcodes, ZRR, FRR, QPV 2015 and QPV 2024 per commune. */
export const communeLists = defineBuilder({
  id: "commune-lists",
  datasets: ["zrr-cog2021", "frr-2025-07", "qpv2015-communes", "qpv2024", "passage-cog2018-2026"],
  build() {
    return [];
  },
});
