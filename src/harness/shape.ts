/** Shape arithmetic shared by the tensor harness, the compare specs and the benchmarks (no tfjs, no vitest). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** The multi-index of a flat (row-major) offset, for messages such as `out[0, 2, 1]`. */
export function multiIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dim = shape[axis] as number;
    index[axis] = rest % dim;
    rest = Math.floor(rest / dim);
  }
  return index;
}
