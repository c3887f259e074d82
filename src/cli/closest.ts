/** Edit distance, for "did you mean" suggestions on a mistyped slug. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidates closest to `input`: those containing it (or contained in it) first, then by
 * edit distance. At most `limit`, and only plausible ones (distance under half the length).
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  return candidates
    .map((candidate) => {
      const contains = candidate.includes(needle) || needle.includes(candidate);
      return { candidate, score: contains ? 0 : editDistance(needle, candidate) };
    })
    .filter(({ candidate, score }) => score === 0 || score <= Math.max(2, Math.floor(candidate.length / 2)))
    .sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
