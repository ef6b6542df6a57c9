/** A renderer's output: file name (relative to the reports dir) → content. The caller does the I/O. */
export type RenderedFiles = Record<string, string>;
