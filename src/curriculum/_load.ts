import { dayToIso } from "./_calendar.js";
import type { Context } from "./_context.js";
import type { LoadReport } from "./schema.js";

/** The figures of the load objective, from the scheduled sessions of a context. */
export function loadReport(ctx: Context): LoadReport {
  const D = ctx.days.length;
  const sessions = new Array<number>(D).fill(0);
  const participantMinutes = new Array<number>(D).fill(0);
  const roomMinutes = new Array<number>(D).fill(0);
  const personDay = new Uint32Array(ctx.cohort.participants.length * D);
  const roomBooked = new Map<number, number>();
  for (const d of ctx.drafts) {
    if (d.status !== "scheduled" || d.day < 0 || d.day >= D) continue;
    const minutes = ctx.activities[d.activity]?.durationMinutes ?? 0;
    sessions[d.day] = (sessions[d.day] as number) + 1;
    participantMinutes[d.day] = (participantMinutes[d.day] as number) + minutes * d.participants.length;
    if (d.room >= 0) {
      roomMinutes[d.day] = (roomMinutes[d.day] as number) + minutes;
      roomBooked.set(d.room, (roomBooked.get(d.room) ?? 0) + minutes);
    }
    for (const p of d.participants) personDay[p * D + d.day] = (personDay[p * D + d.day] as number) + minutes;
  }
  const daily = Array.from(personDay).filter((x) => x > 0);
  const rooms = ctx.cohort.resources.flatMap((r, i) => (r.kind === "room" ? [roomBooked.get(i) ?? 0] : []));
  const open = D * ctx.slotsPerDay * ctx.slotMinutes;
  const mean = rooms.length === 0 ? 0 : rooms.reduce((s, x) => s + x, 0) / rooms.length;
  const sd = rooms.length === 0 ? 0 : Math.sqrt(rooms.reduce((s, x) => s + (x - mean) ** 2, 0) / rooms.length);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    objective:
      ctx.options.load === "balanced"
        ? `balanced: everyone placed first; then nobody above ${ctx.options.maxDailyMinutes} min of sessions a day where ` +
          `avoidable; then each activity on the least-loaded days of its window; rooms: smallest that fits, rotating staff`
        : "earliest: every activity as early as its window allows",
    days: ctx.days.map((day, i) => ({
      date: dayToIso(day),
      sessions: sessions[i] as number,
      participantMinutes: participantMinutes[i] as number,
      roomMinutes: roomMinutes[i] as number,
    })),
    personDays: daily.length,
    maxPersonDailyMinutes: daily.reduce((m, x) => Math.max(m, x), 0),
    meanPersonDailyMinutes: daily.length === 0 ? 0 : round(daily.reduce((s, x) => s + x, 0) / daily.length),
    personDaysOverLimit: daily.filter((x) => x > ctx.options.maxDailyMinutes).length,
    maxDaySessions: Math.max(0, ...sessions),
    minDaySessions: D === 0 ? 0 : Math.min(...sessions),
    roomUse: {
      min: rooms.length === 0 || open === 0 ? 0 : round(Math.min(...rooms) / open),
      max: rooms.length === 0 || open === 0 ? 0 : round(Math.max(...rooms) / open),
      cv: mean === 0 ? 0 : round(sd / mean),
    },
  };
}
