/** Types of src/harness/intrinsics.mjs (plain JavaScript, so that worker threads load it as it is). */
export interface Snapshot {
  readonly __brand: 'IntrinsicsSnapshot';
}
export function snapshotIntrinsics(): Snapshot;
export function changedIntrinsics(snapshot: Snapshot): string[];
export function restoreIntrinsics(snapshot: Snapshot): void;
