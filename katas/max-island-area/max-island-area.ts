// Kata: max-island-area (15 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check max-island-area   (or: npx vitest --watch max-island-area)

export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  // TODO: return the area of the largest 4-connected island of 1s, in O(R·C), without recursion.
  throw new Error('TODO: max-island-area');
}
