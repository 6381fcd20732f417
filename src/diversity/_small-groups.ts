/**
 * Which groups a chart must not draw: primary, a count or a denominator from 1 to threshold - 1 (the
 * same rule as protectTable); secondary, when exactly one group among those sharing a denominator is
 * hidden, the smallest other positive one too, since shares of a partition add up to 1 and the hidden
 * one would be 1 minus the others.
 */
export function hiddenGroups(groups: readonly { readonly count: number; readonly denominator?: number | undefined }[], threshold: number): boolean[] {
  const small = (v: number | undefined): boolean => v !== undefined && v > 0 && v < threshold;
  const hidden = groups.map((g) => small(g.count) || small(g.denominator));
  const byDenominator = new Map<number, number[]>();
  groups.forEach((g, k) => {
    if (g.denominator !== undefined) (byDenominator.get(g.denominator) ?? byDenominator.set(g.denominator, []).get(g.denominator))?.push(k);
  });
  for (const members of byDenominator.values()) {
    if (members.filter((k) => hidden[k]).length !== 1) continue;
    let best = -1;
    for (const k of members) {
      const c = (groups[k] as { count: number }).count;
      if (!hidden[k] && c > 0 && (best < 0 || c < (groups[best] as { count: number }).count)) best = k;
    }
    if (best >= 0) hidden[best] = true;
  }
  return hidden;
}
