/**
 * Territory eligibility: is this person, living here, in a QPV, a ZRR or an FRR on this date, and why?
 * @module territory
 */
export * from "./schema.js";
export { BAN_DEFAULT_BASE_URL, CreateBanGeocoderOptions, createBanGeocoder, type FetchLike } from "./create-ban-geocoder.js";
export { ZoneLayer, ZoneOutlineQuery, getZoneOutline, type ZoneOutline } from "./get-zone-outline.js";
