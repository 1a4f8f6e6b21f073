/** One Server-Sent Event as the spec dispatches it: `event` defaults to "message". */
export interface StreamMessage {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

/**
 * A Server-Sent Events parser (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * feed it the decoded text in any chunks; it hands on each message at its blank line. Lines end
 * in CRLF, LF or CR; `:` lines are comments (heartbeats); a message without data is not
 * dispatched, but its `id` still counts as the last event id. `retry` reports a new delay.
 */
export function eventStreamParser(onMessage: (message: StreamMessage) => void, onRetry?: (ms: number) => void) {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let lastId: string | undefined;
  let pendingCR = false;

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onMessage({ id: lastId, event: event || 'message', data: data.join('\n') });
      data = [];
      event = '';
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry?.(Number(value));
  };

  return (chunk: string) => {
    // A CR that ended the previous chunk already ended its line: a LF right after it is its pair.
    if (pendingCR && chunk.startsWith('\n')) chunk = chunk.slice(1);
    pendingCR = false;
    buffer += chunk;
    let end: number;
    while ((end = buffer.search(/[\r\n]/)) >= 0) {
      if (buffer[end] === '\r' && end === buffer.length - 1) pendingCR = true;
      const next = buffer[end] === '\r' && buffer[end + 1] === '\n' ? end + 2 : end + 1;
      line(buffer.slice(0, end));
      buffer = buffer.slice(next);
    }
  };
}

/** Reads a Server-Sent Events body to its end (or until `onMessage` answers 'stop'). */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: StreamMessage) => 'stop' | void,
  onRetry?: (ms: number) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let stopped = false;
  const feed = eventStreamParser((message) => {
    if (!stopped && onMessage(message) === 'stop') stopped = true;
  }, onRetry);
  while (!stopped) {
    const { value, done } = await reader.read();
    if (done) return;
    feed(decoder.decode(value, { stream: true }));
  }
  await reader.cancel();
}

export interface FollowOptions {
  /** Opens the stream; `lastEventId` is set when resuming after a drop (send it as Last-Event-ID). */
  readonly open: (lastEventId: string | undefined) => Promise<Response>;
  /** Each message; 'stop' ends the following for good. */
  readonly onMessage: (message: StreamMessage) => 'stop' | void;
  readonly onState?: (state: 'live' | 'reconnecting') => void;
  readonly signal: AbortSignal;
  /** Reconnect after a drop or a refused answer (and a server's `event: error`); else throw. */
  readonly resume: boolean;
}

const RETRY_MS = 5_000;

/**
 * Follows a Server-Sent Events stream over fetch (EventSource cannot send the bearer token):
 * after a drop it waits the retry delay (the server's `retry:` or 5 s) and resumes with the last
 * event id, until the signal aborts or a message answers 'stop'.
 */
export async function followEventStream(options: FollowOptions): Promise<void> {
  const { open, onMessage, onState, signal, resume } = options;
  let lastEventId: string | undefined;
  let retryMs = RETRY_MS;
  let stopped = false;
  while (!signal.aborted && !stopped) {
    try {
      const response = await open(lastEventId);
      if (!response.ok || !response.body) throw new Error(`the event stream answered ${response.status}`);
      onState?.('live');
      await readEventStream(
        response.body,
        (message) => {
          if (message.id) lastEventId = message.id;
          // The server ended the stream with an error: resume from the last id, below.
          if (message.event === 'error' && resume) return 'stop';
          if (onMessage(message) === 'stop') stopped = true;
          return stopped ? 'stop' : undefined;
        },
        (ms) => (retryMs = ms),
      );
      if (!resume) return;
    } catch (error) {
      if (signal.aborted) return;
      if (!resume) throw error;
    }
    if (signal.aborted || stopped) return;
    onState?.('reconnecting');
    await new Promise((wake) => setTimeout(wake, retryMs));
  }
}
