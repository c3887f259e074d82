// Kata: sqrt-gradient-descent (10 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check sqrt-gradient-descent   (or: npx vitest --watch sqrt-gradient-descent)

export function sqrtGD(a: number, options?: { learningRate?: number; tolerance?: number; maxSteps?: number }): number {
  // TODO: minimise (x² − a)² by gradient descent; stop on a small relative change, throw when maxSteps runs out.
  throw new Error('TODO: sqrt-gradient-descent');
}
