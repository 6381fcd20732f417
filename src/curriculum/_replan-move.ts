import { addUnmet, book, fitsRoom, participantCan, unbook, unseat } from "./_booking.js";
import { isoToDay, timeToMinutes } from "./_calendar.js";
import type { Context, Draft } from "./_context.js";
import { replacement } from "./_replan-load.js";
import { fitsDay, resourceUsable } from "./_resources.js";
import type { Activity } from "./schema.js";

/** Resources of d kept or replaced at its new time [from, to); undefined when one cannot be. */
function resourcesAt(
  ctx: Context,
  d: Draft,
  moved: Draft,
  from: number,
  to: number,
): Pick<Draft, "room" | "facilitators" | "speakers"> | undefined {
  const reserved: number[] = [];
  const keep = (r: number): number | undefined => {
    const got = resourceUsable(ctx, r, moved.day, from, to) ? r : replacement(ctx, moved, r);
    if (got !== undefined) {
      ctx.occupancy.occupyResource(got, from, to); // so the next pick does not take the same one
      reserved.push(got);
    }
    return got;
  };
  const room = d.room >= 0 ? keep(d.room) : -1;
  if (
    room !== undefined &&
    room >= 0 &&
    !moved.participants.every((p) => moved.video.includes(p) || fitsRoom(ctx, p, room))
  ) {
    for (const r of reserved) ctx.occupancy.releaseResource(r, from, to);
    return undefined;
  }
  const facilitators = d.facilitators.map(keep);
  const speakers = d.speakers.map(keep);
  for (const r of reserved) ctx.occupancy.releaseResource(r, from, to);
  if (room === undefined || facilitators.includes(undefined) || speakers.includes(undefined)) return undefined;
  return { room, facilitators: facilitators as number[], speakers: speakers as number[] };
}

/**
 * Moves session d to `date` at `start` with the people who can follow (the others are left without a
 * session of the activity, for the repair to re-place); when the move is impossible, says why in
 * `unmet` and leaves d where it was.
 */
export function applyMove(ctx: Context, d: Draft, date: string, start: string): void {
  const activity = ctx.activities[d.activity] as Activity;
  const infeasible = (why: string): void => {
    addUnmet(
      ctx,
      "moved_session_infeasible",
      d.activity,
      [],
      `${d.id} cannot move to ${date} ${start}: ${why}. It stays where it was.`,
      { sessionId: d.id },
    );
  };
  const day = ctx.days.indexOf(isoToDay(date));
  const slot = (timeToMinutes(start) - ctx.opens) / ctx.slotMinutes;
  const [firstDay, lastDay] = ctx.windows[d.activity] as [number, number];
  if (day < 0) return infeasible("that day is not a working day of the parcours");
  if (day < firstDay || day > lastDay)
    return infeasible(`it is outside the phase window (working days ${firstDay + 1}-${lastDay + 1})`);
  if (!Number.isInteger(slot) || !fitsDay(ctx, slot, d.length))
    return infeasible("it does not fit in opening hours, outside breaks, on the slot grid");
  unbook(ctx, d);
  const from = day * ctx.slotsPerDay + slot;
  const to = from + d.length;
  const stay = d.participants.filter((p) => participantCan(ctx, p, d.activity, day, from, to));
  if (stay.length < Math.min(activity.minGroupSize, d.participants.length)) {
    book(ctx, d);
    return infeasible(`only ${stay.length} of its participants can attend then (minimum ${activity.minGroupSize})`);
  }
  const resources = resourcesAt(ctx, d, { ...d, day, slot }, from, to);
  if (resources === undefined) {
    book(ctx, d);
    return infeasible("no room, facilitator or speaker is free then");
  }
  Object.assign(d, { day, slot, ...resources });
  book(ctx, d);
  for (const p of d.participants.filter((x) => !stay.includes(x))) unseat(ctx, d, p);
}
