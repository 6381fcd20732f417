import type { Context } from "./_context.js";
import type { Activity, Equipment, SessionModality } from "./schema.js";

/** Choosing rooms, facilitators and speakers for a session. */

export interface Needs {
  rooms: number[] | undefined; // undefined when no room is needed
  facilitators: number[];
  speakers: number[];
  maxSize: number;
}

/** What one session found: its resources and how many people it can take. */
export interface Found {
  room: number;
  facilitators: number[];
  speakers: number[];
  capacity: number;
}

/** Whether a session of `length` slots may start at `slot` (inside opening hours, no break). */
export function fitsDay(ctx: Context, slot: number, length: number): boolean {
  if (slot < 0 || slot + length > ctx.slotsPerDay) return false;
  for (let s = slot; s < slot + length; s++) if (ctx.blocked[s] === 1) return false;
  return true;
}

/** Whether room r has every piece of `equipment` (undescribed rooms pass unless `strict`). */
export function roomHas(ctx: Context, r: number, equipment: readonly Equipment[], strict: boolean): boolean {
  if (equipment.length === 0) return true;
  const has = ctx.cohort.resources[r]?.equipment;
  if (has === undefined) return !strict;
  return equipment.every((e) => has.includes(e));
}

export function resourceQualifies(
  ctx: Context,
  r: number,
  kind: "room" | "facilitator" | "speaker",
  activity: Activity,
): boolean {
  const res = ctx.cohort.resources[r];
  if (res === undefined || res.kind !== kind) return false;
  if (kind === "room" && !roomHas(ctx, r, activity.needs.equipment, false)) return false;
  return res.activityKinds === undefined || res.activityKinds.includes(activity.kind);
}

/** Qualified resources; rooms by capacity, described rooms before undescribed ones of the same size. */
export function qualifiedResources(
  ctx: Context,
  kind: "room" | "facilitator" | "speaker",
  activity: Activity,
): number[] {
  const out: number[] = [];
  for (let r = 0; r < ctx.cohort.resources.length; r++) if (resourceQualifies(ctx, r, kind, activity)) out.push(r);
  if (kind === "room") {
    const described = (r: number): number =>
      activity.needs.equipment.length > 0 && ctx.cohort.resources[r]?.equipment === undefined ? 1 : 0;
    out.sort(
      (x, y) =>
        (ctx.cohort.resources[x]?.capacity ?? 0) - (ctx.cohort.resources[y]?.capacity ?? 0) ||
        described(x) - described(y) ||
        x - y,
    );
  }
  return out;
}

export function resourceUsable(ctx: Context, r: number, day: number, from: number, to: number): boolean {
  return ctx.resourceOff[r * ctx.days.length + day] !== 1 && ctx.occupancy.resourceFree(r, from, to);
}

/** Picks `count` free resources from `pool`, rotating the starting point so load spreads. */
export function pickPeople(
  ctx: Context,
  key: string,
  pool: number[],
  count: number,
  day: number,
  from: number,
  to: number,
): number[] | undefined {
  if (count === 0) return [];
  const start = ctx.rotation.get(key) ?? 0;
  const picked: number[] = [];
  for (let k = 0; k < pool.length && picked.length < count; k++) {
    const r = pool[(start + k) % pool.length] as number;
    if (resourceUsable(ctx, r, day, from, to)) picked.push(r);
  }
  if (picked.length < count) return undefined;
  const last = pool.indexOf(picked[picked.length - 1] as number);
  ctx.rotation.set(key, (last + 1) % pool.length);
  return picked;
}

/**
 * The smallest free room seating `target`, else the largest free room seating at least `min`. With
 * `prefer` (equipment some people still to place need), a room that has it comes first.
 */
export function pickRoom(
  ctx: Context,
  rooms: number[],
  target: number,
  min: number,
  day: number,
  from: number,
  to: number,
  prefer: readonly Equipment[] = [],
): number | undefined {
  const resources = ctx.cohort.resources;
  let firstFit = rooms.length;
  for (let i = 0; i < rooms.length; i++) {
    if ((resources[rooms[i] as number]?.capacity ?? 0) >= target) {
      firstFit = i;
      break;
    }
  }
  // Fitting rooms, smallest first; then rooms seating at least `min`, largest first.
  const fitting = rooms.length - firstFit;
  let fallback: number | undefined;
  for (let k = 0; k < rooms.length; k++) {
    const r = rooms[k < fitting ? firstFit + k : firstFit - 1 - (k - fitting)] as number;
    if ((resources[r]?.capacity ?? 0) < min || !resourceUsable(ctx, r, day, from, to)) continue;
    if (prefer.length === 0 || roomHas(ctx, r, prefer, true)) return r;
    fallback ??= r;
  }
  return fallback;
}

/** Why no room can ever host an activity: a hint for the unmet message. */
function roomHint(ctx: Context, activity: Activity): string {
  const rooms = ctx.cohort.resources.filter((r) => r.kind === "room");
  if (rooms.length === 0) return 'no room (add a resource of kind "room" with a capacity)';
  const noCapacity = rooms.filter((r) => r.capacity === undefined).map((r) => r.id);
  const need = activity.needs.equipment;
  const parts = [`a room seating ${activity.minGroupSize}`];
  if (need.length > 0) parts.push(`with ${need.join(", ")} (no room lists this equipment)`);
  if (noCapacity.length > 0)
    parts.push(
      `hint: room(s) ${noCapacity.slice(0, 5).join(", ")}${noCapacity.length > 5 ? ", …" : ""} have no capacity, set "capacity" (seats)`,
    );
  return parts.join("; ");
}

export function needsOf(ctx: Context, a: number, modality: SessionModality): Needs | { missing: string } {
  const activity = ctx.activities[a] as Activity;
  const rooms =
    modality === "on_site" && activity.needs.room
      ? qualifiedResources(ctx, "room", activity).filter((r) => (ctx.cohort.resources[r]?.capacity ?? 0) >= 1)
      : undefined;
  const facilitators = qualifiedResources(ctx, "facilitator", activity);
  const speakers = qualifiedResources(ctx, "speaker", activity);
  if (rooms !== undefined && rooms.length === 0) return { missing: roomHint(ctx, activity) };
  if (facilitators.length < activity.needs.facilitators)
    return { missing: `${activity.needs.facilitators} facilitator(s), ${facilitators.length} qualified` };
  if (speakers.length < activity.needs.speakers)
    return { missing: `${activity.needs.speakers} speaker(s), ${speakers.length} qualified` };
  const biggest =
    rooms === undefined ? Infinity : (ctx.cohort.resources[rooms[rooms.length - 1] as number]?.capacity ?? 0);
  const maxSize = Math.min(activity.maxGroupSize, biggest);
  if (maxSize < activity.minGroupSize) return { missing: roomHint(ctx, activity) };
  return { rooms, facilitators, speakers, maxSize };
}

/** Tries to find resources for one session at [from, to). */
export function findResources(
  ctx: Context,
  a: number,
  needs: Needs,
  target: number,
  day: number,
  from: number,
  to: number,
  min?: number,
  prefer: readonly Equipment[] = [],
): Found | undefined {
  const activity = ctx.activities[a] as Activity;
  let room = -1;
  let capacity = needs.maxSize;
  if (needs.rooms !== undefined) {
    const r = pickRoom(ctx, needs.rooms, target, min ?? activity.minGroupSize, day, from, to, prefer);
    if (r === undefined) return undefined;
    room = r;
    capacity = Math.min(capacity, ctx.cohort.resources[r]?.capacity ?? 0);
  }
  const facilitators = pickPeople(
    ctx,
    `f:${activity.kind}`,
    needs.facilitators,
    activity.needs.facilitators,
    day,
    from,
    to,
  );
  if (facilitators === undefined) return undefined;
  // Reserve the facilitators while choosing speakers, in case one person is both.
  for (const r of facilitators) ctx.occupancy.occupyResource(r, from, to);
  const speakers = pickPeople(ctx, `s:${activity.kind}`, needs.speakers, activity.needs.speakers, day, from, to);
  for (const r of facilitators) ctx.occupancy.releaseResource(r, from, to);
  if (speakers === undefined) return undefined;
  return { room, facilitators, speakers, capacity };
}
