/**
 * A small client for Marionette, Firefox's own WebDriver-classic server.
 *
 * Why our own: no npm package speaks Marionette, and geckodriver (which would
 * turn it into W3C WebDriver over HTTP) is a binary download this machine
 * cannot reach. The protocol is small: TCP, each message framed as
 * `<byte length>:<JSON>`, commands `[0, id, name, params]`, replies
 * `[1, id, error, result]`. See
 * https://firefox-source-docs.mozilla.org/testing/marionette/Protocol.html
 */
import { connect as netConnect, type Socket } from 'node:net';

/** The key under which WebDriver serialises an element reference. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** A reference to an element in the current browsing context, as WebDriver serialises it. */
export interface ElementRef {
  [ELEMENT_KEY]: string;
}

export const SHADOW_KEY = 'shadow-6066-11e4-a52e-4f735466cecf';

/** A reference to a shadow root, open or closed, as WebDriver serialises it. */
export interface ShadowRootRef {
  [SHADOW_KEY]: string;
}

/** An error reply from Marionette, carrying the WebDriver error name (e.g. "no such element"). */
export class MarionetteError extends Error {
  constructor(
    readonly command: string,
    readonly error: string,
    message: string,
    readonly stacktrace?: string,
  ) {
    super(`${command}: ${error}: ${message}`);
    this.name = 'MarionetteError';
  }
}

/** A command that got no reply in time, or a connection that went away under it. */
export class MarionetteTimeoutError extends Error {
  constructor(
    readonly command: string,
    timeoutMs: number,
  ) {
    super(`${command}: no reply from Marionette within ${timeoutMs} ms`);
    this.name = 'MarionetteTimeoutError';
  }
}

/** Encodes one message as Marionette frames it: the JSON's UTF-8 byte length, a colon, the JSON. */
export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]);
}

/**
 * Splits a byte stream into Marionette messages. Lengths count bytes, not
 * characters, so the buffer stays binary until a whole message is in.
 */
export class FrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  /** Adds received bytes; returns every message they complete, in order. */
  push(chunk: Buffer): unknown[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: unknown[] = [];
    for (;;) {
      const colon = this.buffer.indexOf(0x3a); // ':'
      const header = this.buffer.subarray(0, colon === -1 ? this.buffer.length : colon).toString('latin1');
      // Fail on the first byte that cannot be part of a length, not after waiting for a colon that never comes.
      if (!/^\d{0,15}$/.test(header) || (colon === 0 && this.buffer.length > 0)) {
        throw new Error(`Marionette frame with a bad length prefix: ${JSON.stringify(header.slice(0, 20))}`);
      }
      if (colon === -1) break;
      const length = Number(header);
      const end = colon + 1 + length;
      if (this.buffer.length < end) break;
      messages.push(JSON.parse(this.buffer.subarray(colon + 1, end).toString('utf8')));
      this.buffer = this.buffer.subarray(end);
    }
    return messages;
  }
}

interface Pending {
  command: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** What the server says first on every connection. */
export interface MarionetteHello {
  applicationType: string;
  marionetteProtocol: number;
}

/** Options for one command. */
export interface SendOptions {
  /** How long to wait for the reply; defaults to the connection's `defaultTimeoutMs`. */
  timeoutMs?: number;
}

/**
 * One Marionette connection: sends commands with increasing ids and matches
 * replies to them by id. Error replies reject with a {@link MarionetteError}.
 */
export class MarionetteConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedError: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    readonly hello: MarionetteHello,
    private readonly decoder: FrameDecoder,
    readonly defaultTimeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const message of decoder.push(chunk)) this.onMessage(message);
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)));
        socket.destroy();
      }
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('Marionette connection closed')));
  }

  /** Connects and reads the server's hello; rejects if that does not happen within `timeoutMs`. */
  static connect(
    port: number,
    { host = '127.0.0.1', timeoutMs = 10_000, defaultTimeoutMs = 30_000 } = {},
  ): Promise<MarionetteConnection> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host, port });
      const decoder = new FrameDecoder();
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`Marionette on ${host}:${port} sent no hello within ${timeoutMs} ms`));
      }, timeoutMs);
      const onError = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const onData = (chunk: Buffer) => {
        let messages: unknown[];
        try {
          messages = decoder.push(chunk);
        } catch (error) {
          onError(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (messages.length === 0) return;
        clearTimeout(timer);
        socket.off('error', onError);
        socket.off('data', onData);
        // The server speaks only when spoken to after its hello, so nothing else can be queued yet.
        const hello = messages[0] as MarionetteHello;
        if (hello.marionetteProtocol !== 3) {
          socket.destroy();
          reject(new Error(`Unsupported Marionette protocol ${JSON.stringify(hello)}`));
          return;
        }
        resolve(new MarionetteConnection(socket, hello, decoder, defaultTimeoutMs));
      };
      socket.on('error', onError);
      socket.on('data', onData);
    });
  }

  /** Sends one command and resolves with its result, or rejects with the error Marionette answered. */
  send<T = unknown>(command: string, params: object = {}, options: SendOptions = {}): Promise<T> {
    if (this.closedError) return Promise.reject(new Error(`${command}: ${this.closedError.message}`));
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A late reply finds no pending entry and is dropped.
        this.pending.delete(id);
        reject(new MarionetteTimeoutError(command, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject, timer });
      this.socket.write(encodeFrame([0, id, command, params]));
    });
  }

  /** Closes the socket; commands still waiting reject. */
  close(): void {
    this.fail(new Error('Marionette connection closed by the client'));
    this.socket.destroy();
  }

  private onMessage(message: unknown): void {
    if (!Array.isArray(message) || message[0] !== 1 || typeof message[1] !== 'number') return;
    const [, id, error, result] = message as [1, number, unknown, unknown];
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) {
      const {
        error: name = 'unknown error',
        message: text = JSON.stringify(error),
        stacktrace,
      } = error as {
        error?: string;
        message?: string;
        stacktrace?: string;
      };
      pending.reject(new MarionetteError(pending.command, name, text, stacktrace));
    } else {
      pending.resolve(result);
    }
  }

  private fail(error: Error): void {
    this.closedError ??= error;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`${pending.command}: ${error.message}`));
      this.pending.delete(id);
    }
  }
}

/** How a WebDriver command locates elements. */
export type Locator = { using: 'css selector' | 'xpath' | 'link text' | 'partial link text'; value: string };

/**
 * The WebDriver commands these tests use, typed, over one connection.
 * Results that Marionette wraps as `{ value }` are unwrapped here.
 */
export class Marionette {
  constructor(readonly connection: MarionetteConnection) {}

  /** Connects to Marionette on a port (see {@link MarionetteConnection.connect}). */
  static async connect(port: number, options?: Parameters<typeof MarionetteConnection.connect>[1]) {
    return new Marionette(await MarionetteConnection.connect(port, options));
  }

  /** Sends any command; for the ones this class has no method for. */
  send<T = unknown>(command: string, params: object = {}, options?: SendOptions): Promise<T> {
    return this.connection.send<T>(command, params, options);
  }

  private async value<T>(command: string, params: object = {}, options?: SendOptions): Promise<T> {
    return (await this.send<{ value: T }>(command, params, options)).value;
  }

  /** Starts the WebDriver session; Marionette answers once the first browser window has loaded. */
  newSession(capabilities: object = {}): Promise<{ sessionId: string; capabilities: Record<string, unknown> }> {
    return this.send('WebDriver:NewSession', capabilities, { timeoutMs: 60_000 });
  }

  /** Installs an add-on from a folder or .xpi on the browser's disk; resolves with its id. */
  installAddon(path: string, { temporary = true } = {}): Promise<string> {
    return this.value('Addon:Install', { path, temporary }, { timeoutMs: 60_000 });
  }

  /** Navigates the current top-level browsing context and waits for its load. */
  async navigate(url: string): Promise<void> {
    await this.send('WebDriver:Navigate', { url }, { timeoutMs: 60_000 });
  }

  /** The current top-level browsing context's URL. */
  currentUrl(): Promise<string> {
    return this.value('WebDriver:GetCurrentURL');
  }

  /** The handle of the current window (a tab, in Marionette's content context). */
  windowHandle(): Promise<string> {
    return this.value('WebDriver:GetWindowHandle');
  }

  /** Every open window handle (tabs of every browser window, popups included). */
  windowHandles(): Promise<string[]> {
    return this.send('WebDriver:GetWindowHandles');
  }

  /** Makes a window the target of later commands. */
  async switchToWindow(handle: string, { focus = true } = {}): Promise<void> {
    await this.send('WebDriver:SwitchToWindow', { handle, focus });
  }

  /** Opens a new tab (or window) and returns its handle; it does not switch to it. */
  async newWindow(type: 'tab' | 'window' = 'tab'): Promise<string> {
    return (await this.send<{ handle: string }>('WebDriver:NewWindow', { type })).handle;
  }

  /** Closes the current window; resolves with the handles left. */
  closeWindow(): Promise<string[]> {
    return this.send('WebDriver:CloseWindow');
  }

  /** Finds one element, or rejects with "no such element". */
  findElement(locator: Locator): Promise<ElementRef> {
    return this.value('WebDriver:FindElement', locator);
  }

  /** Finds every matching element (possibly none). */
  findElements(locator: Locator): Promise<ElementRef[]> {
    return this.send('WebDriver:FindElements', locator);
  }

  /** Every element matching `locator` inside `element`. */
  findElementsIn(element: ElementRef, locator: Locator): Promise<ElementRef[]> {
    return this.send('WebDriver:FindElements', { ...locator, element: element[ELEMENT_KEY] });
  }

  /**
   * An element's shadow root. WebDriver reaches closed roots too, which page
   * script cannot: how tests read QA Lens badges, whose roots are closed.
   */
  shadowRoot(element: ElementRef): Promise<ShadowRootRef> {
    return this.value('WebDriver:GetShadowRoot', { id: element[ELEMENT_KEY] });
  }

  /** Every element matching `locator` inside a shadow root. */
  findElementsInShadowRoot(root: ShadowRootRef, locator: Locator): Promise<ElementRef[]> {
    return this.send('WebDriver:FindElementsFromShadowRoot', { ...locator, shadowRoot: root[SHADOW_KEY] });
  }

  /** An attribute of an element, or null. */
  attribute(element: ElementRef, name: string): Promise<string | null> {
    return this.value('WebDriver:GetElementAttribute', { id: element[ELEMENT_KEY], name });
  }

  /** Clicks an element as a user would: scrolls it into view and sends trusted mouse events. */
  async click(element: ElementRef): Promise<void> {
    await this.send('WebDriver:ElementClick', { id: element[ELEMENT_KEY] });
  }

  /** Clears a form field and types text into it with trusted key events. */
  async type(element: ElementRef, text: string): Promise<void> {
    await this.send('WebDriver:ElementClear', { id: element[ELEMENT_KEY] });
    await this.send('WebDriver:ElementSendKeys', { id: element[ELEMENT_KEY], text });
  }

  /** The element's rendered text. */
  text(element: ElementRef): Promise<string> {
    return this.value('WebDriver:GetElementText', { id: element[ELEMENT_KEY] });
  }

  /** Runs a function body in the page (`arguments` holds `args`); resolves with its return value. */
  execute<T = unknown>(script: string, args: unknown[] = []): Promise<T> {
    return this.value('WebDriver:ExecuteScript', { script, args });
  }

  /** A PNG of the current viewport. */
  async screenshot(): Promise<Buffer> {
    return Buffer.from(await this.value<string>('WebDriver:TakeScreenshot', { full: false }), 'base64');
  }

  /** Ends the session and asks the browser to quit; the connection closes soon after. */
  async quit(): Promise<void> {
    await this.send('Marionette:Quit', { flags: ['eForceQuit'] }, { timeoutMs: 10_000 });
  }

  /** Closes the connection without quitting the browser. */
  close(): void {
    this.connection.close();
  }
}
