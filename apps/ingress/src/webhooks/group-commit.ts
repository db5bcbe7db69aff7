type Waiting<I, O> = { items: I[]; resolve: (out: O[]) => void; reject: (error: unknown) => void };

/**
 * Group commit: requests that arrive while a commit is in flight wait for it, then go together
 * in the next one — one multi-row INSERT and one Redis pipeline for all of them, instead of a
 * round trip each. A lone request goes at once (the only wait is one turn of the event loop).
 * Each caller gets back exactly its own items' results, in order, once its batch committed.
 * If a batch of several requests fails, each is tried again alone, so one bad request fails
 * only its own answer.
 */
export class GroupCommit<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private draining = false;

  constructor(
    private readonly commit: (items: I[]) => Promise<O[]>,
    /** Items per commit at most: bounds one statement's size and the wait of the last caller. */
    private readonly maxItems = 200,
  ) {}

  submit(items: I[]): Promise<O[]> {
    return new Promise<O[]>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    // Requests parsed in the same turn of the event loop join the first commit.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) await this.commitBatch(this.takeBatch());
    this.draining = false;
  }

  private takeBatch(): Waiting<I, O>[] {
    const batch: Waiting<I, O>[] = [];
    let size = 0;
    while (this.waiting.length > 0 && (batch.length === 0 || size + this.waiting[0]!.items.length <= this.maxItems)) {
      const next = this.waiting.shift()!;
      size += next.items.length;
      batch.push(next);
    }
    return batch;
  }

  private async commitBatch(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const out = await this.commit(batch.flatMap((caller) => caller.items));
      let offset = 0;
      for (const caller of batch) {
        caller.resolve(out.slice(offset, offset + caller.items.length));
        offset += caller.items.length;
      }
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const caller of batch) await this.commitBatch([caller]);
    }
  }
}
