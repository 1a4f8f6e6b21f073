import { eventStreamParser, readEventStream, type StreamMessage } from '../../apps/web/src/live/eventStream';

const parse = (...chunks: string[]) => {
  const messages: StreamMessage[] = [];
  const retries: number[] = [];
  const feed = eventStreamParser(
    (message) => messages.push(message),
    (ms) => retries.push(ms),
  );
  for (const chunk of chunks) feed(chunk);
  return { messages, retries };
};

describe('the Server-Sent Events parser of the web app', () => {
  it('hands each message at its blank line with its id, event and data', () => {
    expect(parse('id: 10/2\nevent: progress\ndata: {"percent":40}\n\n', 'data: plain\n\n').messages).toEqual([
      { id: '10/2', event: 'progress', data: '{"percent":40}' },
      { id: '10/2', event: 'message', data: 'plain' },
    ]);
  });

  it('joins data lines, strips one space after the colon, skips comments and unknown fields', () => {
    expect(parse(': heartbeat\n\ndata:a\ndata:  b\nfoo: bar\ndata\n\n').messages).toEqual([
      { id: undefined, event: 'message', data: 'a\n b\n' },
    ]);
  });

  it('accepts CRLF, LF and CR line ends, even a CRLF split across chunks', () => {
    expect(parse('id: 1\r\ndata: one\r', '\n\r', '\nid: 2\rdata: two\r\r').messages).toEqual([
      { id: '1', event: 'message', data: 'one' },
      { id: '2', event: 'message', data: 'two' },
    ]);
  });

  it('keeps a message whole when it arrives in pieces, and waits for its blank line', () => {
    expect(parse('da', 'ta: {"a"', ':1}\n', '\n', 'data: unfinished\n').messages).toEqual([
      { id: undefined, event: 'message', data: '{"a":1}' },
    ]);
  });

  it('does not dispatch a message without data, but its id is the last event id', () => {
    expect(parse('id: 7\n\nevent: ping\n\ndata: x\n\n').messages).toEqual([{ id: '7', event: 'message', data: 'x' }]);
  });

  it('reports a numeric retry and ignores another', () => {
    expect(parse('retry: 2500\n\nretry: soon\n\n').retries).toEqual([2500]);
  });

  it('reads a body of bytes to its end, or stops when asked', async () => {
    const body = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode('data: ñ1\n\ndata: 2\n\ndata: 3\n\n');
          // Split inside the two-byte ñ: the decoder must keep it whole.
          controller.enqueue(bytes.slice(0, 7));
          controller.enqueue(bytes.slice(7));
          controller.close();
        },
      });
    const all: string[] = [];
    await readEventStream(body(), (message) => void all.push(message.data));
    expect(all).toEqual(['ñ1', '2', '3']);
    const first: string[] = [];
    await readEventStream(body(), (message) => {
      first.push(message.data);
      return 'stop';
    });
    expect(first).toEqual(['ñ1']);
  });
});
