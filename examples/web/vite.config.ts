import { defineConfig } from "vite";

// Nothing declics-specific: the data is a folder of static files (public/declics-data, written by
// `declics data copy`), fetched on demand by createTerritoryDataSource.
export default defineConfig({
  base: "./",
  build: { target: "es2022" },
});
