/** The Marionette client against a fake server: framing, ids, error replies, timeouts, close. */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, Marionette, MarionetteError, MarionetteTimeoutError } from './marionette';

type Handler = (command: [number, number, string, Record<string, unknown>], reply: (frame: unknown) => void) => void;

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server that says hello like Marionette, then hands every command to `handler`. */
async function fakeMarionette(handler: Handler): Promise<number> {
  const server = createServer((socket: Socket) => {
    const decoder = new FrameDecoder();
    socket.write(encodeFrame({ applicationType: 'gecko', marionetteProtocol: 3 }));
    socket.on('data', (chunk) => {
      for (const message of decoder.push(chunk)) {
        handler(message as Parameters<Handler>[0], (frame) => socket.write(encodeFrame(frame)));
      }
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('FrameDecoder', () => {
  it('counts the length in UTF-8 bytes and joins frames split across chunks', () => {
    const frame = encodeFrame([1, 7, null, { value: 'Kai — 東京 ✓' }]);
    const decoder = new FrameDecoder();
    // Split inside a multi-byte character and inside the length prefix.
    expect(decoder.push(frame.subarray(0, 1))).toEqual([]);
    expect(decoder.push(frame.subarray(1, frame.length - 3))).toEqual([]);
    expect(decoder.push(Buffer.concat([frame.subarray(frame.length - 3), encodeFrame([1, 8, null, null])]))).toEqual([
      [1, 7, null, { value: 'Kai — 東京 ✓' }],
      [1, 8, null, null],
    ]);
  });

  it('refuses a stream that is not Marionette framing', () => {
    expect(() => new FrameDecoder().push(Buffer.from('HTTP/1.1 200 OK\r\n'))).toThrow(/length prefix/);
  });
});

describe('Marionette client', () => {
  it('matches replies to commands by id, even out of order, and unwraps { value }', async () => {
    const seen: string[] = [];
    const held: Array<() => void> = [];
    const port = await fakeMarionette(([type, id, name, params], reply) => {
      seen.push(`${type}:${name}`);
      if (name === 'WebDriver:GetCurrentURL') held.push(() => reply([1, id, null, { value: 'about:blank' }]));
      if (name === 'WebDriver:ExecuteScript') {
        reply([1, id, null, { value: params['args'] }]);
        for (const release of held.splice(0)) release();
      }
    });
    const client = await Marionette.connect(port);
    const [url, echoed] = await Promise.all([client.currentUrl(), client.execute('return arguments', [1, 'two'])]);
    expect(url).toBe('about:blank');
    expect(echoed).toEqual([1, 'two']);
    expect(seen).toEqual(['0:WebDriver:GetCurrentURL', '0:WebDriver:ExecuteScript']);
    client.close();
  });

  it('rejects with the WebDriver error name and message of an error reply', async () => {
    const port = await fakeMarionette(([, id], reply) =>
      reply([1, id, { error: 'no such element', message: 'Unable to locate element: //nav', stacktrace: '' }, null]),
    );
    const client = await Marionette.connect(port);
    const failure = client.findElement({ using: 'xpath', value: '//nav' });
    await expect(failure).rejects.toBeInstanceOf(MarionetteError);
    await expect(failure).rejects.toMatchObject({
      command: 'WebDriver:FindElement',
      error: 'no such element',
      message: 'WebDriver:FindElement: no such element: Unable to locate element: //nav',
    });
    client.close();
  });

  it('times out a command that gets no reply, and rejects waiting commands when the connection closes', async () => {
    const port = await fakeMarionette(() => undefined);
    const client = await Marionette.connect(port);
    await expect(client.send('WebDriver:GetTitle', {}, { timeoutMs: 100 })).rejects.toBeInstanceOf(
      MarionetteTimeoutError,
    );
    const waiting = client.send('WebDriver:GetTitle', {}, { timeoutMs: 10_000 });
    client.close();
    await expect(waiting).rejects.toThrow(/WebDriver:GetTitle: Marionette connection closed/);
    await expect(client.currentUrl()).rejects.toThrow(/closed/);
  });
});
