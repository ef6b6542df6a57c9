/** The little of S3 the platform needs; the health check writes and reads a probe object. */
export interface ObjectStore {
  /** Says which backend this is, for the storage check's `output`. */
  readonly description: string;
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}
