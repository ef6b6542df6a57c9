import { writeFileAtomic } from '../../common/atomic-write.ts';
import { redactValue } from '../../common/redact.ts';
import type { Journal } from './journal.ts';

/**
 * Keeps a journal on disk as it changes. Writes are atomic and queued one after another, so
 * the file always holds a whole journal, the latest one, even when a write is requested while
 * another is in flight. Secrets are masked before anything reaches the file.
 */
export class JournalFile {
  readonly path: string;
  readonly journal: Journal;
  #queue: Promise<void> = Promise.resolve();
  #lastError: unknown;

  constructor(path: string, journal: Journal) {
    this.path = path;
    this.journal = journal;
  }

  /** Queues a write of the journal as it is now; resolves when that write is on disk. */
  flush(): Promise<void> {
    const snapshot = `${JSON.stringify(redactValue(this.journal), null, 2)}\n`;
    this.#queue = this.#queue.then(() =>
      writeFileAtomic(this.path, snapshot).catch((error: unknown) => {
        this.#lastError = error;
      }),
    );
    return this.#queue;
  }

  /** The last write error, if any: reported at the end rather than breaking a drill midway. */
  get writeError(): unknown {
    return this.#lastError;
  }
}
