/**
 * A stored event could not be read as its current schema (an unknown version, an upcaster that
 * failed). The store or the code is wrong, not the caller: a server fault (500), not a refusal, and
 * the log names the event.
 */
export class UnreadableEventError extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly eventType: string,
    override readonly cause: unknown,
  ) {
    super(
      `stored event ${eventType} at revision ${revision} of stream ${JSON.stringify(streamId)} cannot be read: ` +
        (cause instanceof Error ? cause.message : String(cause)),
    );
    this.name = 'UnreadableEventError';
  }
}
