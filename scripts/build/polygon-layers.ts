import { buildLayer, type LayerBuildOptions, type LayerFeatureInput } from "./build-layer.js";
import { LAYER_FORMAT_VERSION } from "../../src/territory/_layer.js";
import type { CommuneProperties, Qpv2015OccitanieProperties, Qpv2024Properties } from "./record-schemas.js";
import { defineBuilder, type Artefact, type BuildContext, type SourceFeature } from "./types.js";

/**
 * Compiles the three polygon layers (QPV 2024, QPV 2015 Occitanie, commune contours COG 2026) into the binary
 * format read by src/territory/_layer.ts: quantised Int32 coordinates (1e-6 degree), per-polygon bounding
 * boxes, and per region a two-level grid of pre-classified cells with the edges near each mixed cell.
 * Invalid geometries are reported, not repaired: even-odd ray casting over all rings answers self-intersecting
 * polygons consistently, and rings with fewer than 3 distinct vertices are dropped.
 */

/** Artefact file names, shared with the engine (territoryDataFromBuffers). */
export const POLYGON_ARTEFACTS = {
  qpv2024: "qpv2024.layer.bin",
  qpv2015: "qpv2015-occitanie.layer.bin",
  communes: "communes.layer.bin",
} as const;

function polygonsOf(feature: SourceFeature): LayerFeatureInput["polygons"] {
  return feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

/** Grid parameters of the commune contours (shared by the whole layer and the web tiles). */
export const COMMUNE_GRID = { coarseDeg: 0.08, div: 8, marginM: 100, storeNames: false } as const;

/** The commune contours as layer features (also tiled for the web by scripts/build/web-data.ts). */
export function communeFeatures(ctx: BuildContext): LayerFeatureInput[] {
  return ctx.features<CommuneProperties>("communes-cog2026").map((f) => ({
    code: f.properties.code,
    name: f.properties.nom,
    polygons: polygonsOf(f),
  }));
}

/** The layer options of the commune contours (identity and grid). */
export function communeLayerOptions(ctx: BuildContext): LayerBuildOptions {
  const dataset = ctx.dataset("communes-cog2026");
  return {
    layer: "communes",
    dataset: dataset.id,
    millesime: dataset.millesime,
    accuracyM: dataset.accuracyM,
    ...COMMUNE_GRID,
  };
}

function compile(
  ctx: BuildContext,
  name: keyof typeof POLYGON_ARTEFACTS,
  datasetId: string,
  features: LayerFeatureInput[],
  grid: Pick<LayerBuildOptions, "coarseDeg" | "div" | "marginM" | "checkValidity" | "storeNames">,
): Artefact {
  const dataset = ctx.dataset(datasetId);
  const started = performance.now();
  const { bytes, report } = buildLayer(features, {
    layer: name,
    dataset: datasetId,
    millesime: dataset.millesime,
    accuracyM: dataset.accuracyM,
    ...grid,
  });
  const validity =
    grid.checkValidity === true
      ? `${report.selfIntersecting} self-intersecting polygons kept (even-odd rule)`
      : "validity not re-checked";
  ctx.report(
    `${name}: ${report.polygons} polygons, ${report.rings} rings, ${report.vertices} vertices; ${validity}; ` +
      `${report.droppedRings} degenerate rings dropped, ${report.duplicateVertices} repeated vertices removed; ` +
      `${report.regions} regions, ${report.mixedCells} mixed cells, ${report.edgeRefs} edge references, ${report.overlaps} overlapping cells; ` +
      `${(bytes.byteLength / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`,
  );
  return {
    name: `${name}-layer`,
    file: POLYGON_ARTEFACTS[name],
    bytes,
    formatVersion: LAYER_FORMAT_VERSION,
    description: `${dataset.title}: quantised polygons and pre-classified grid for point queries`,
    sources: [datasetId],
  };
}

/** The polygon-layer builder registered in scripts/build/registry.ts. */
export const polygonLayers = defineBuilder({
  id: "polygon-layers",
  datasets: ["qpv2024", "qpv2015-occitanie", "communes-cog2026"],
  build(ctx) {
    const qpv2024 = ctx.features<Qpv2024Properties>("qpv2024").map((f) => ({
      code: f.properties.code_qp,
      name: f.properties.lib_qp,
      communes: f.properties.insee_com.split(", "),
      polygons: polygonsOf(f),
    }));
    const qpv2015 = ctx.features<Qpv2015OccitanieProperties>("qpv2015-occitanie").map((f) => ({
      code: f.properties.code_qp,
      name: f.properties.nom_qp,
      communes: [f.properties.code_commune],
      polygons: polygonsOf(f),
    }));
    const communes = communeFeatures(ctx);
    return [
      compile(ctx, "qpv2024", "qpv2024", qpv2024, { coarseDeg: 0.08, div: 16, marginM: 100, checkValidity: true }),
      compile(ctx, "qpv2015", "qpv2015-occitanie", qpv2015, {
        coarseDeg: 0.08,
        div: 16,
        marginM: 100,
        checkValidity: true,
      }),
      compile(ctx, "communes", "communes-cog2026", communes, COMMUNE_GRID),
    ];
  },
});
