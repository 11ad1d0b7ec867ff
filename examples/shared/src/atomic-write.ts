/**
 * Atomic file replacement for the examples' files (run state, uploaded exports): the one `writeFileAtomic`
 * the lbx packages share (creates the parent directory, temp file + fsync + rename, `mode` default `0o644`).
 */
export { type WriteFileAtomicOptions, writeFileAtomic } from '@lbx/internal';
