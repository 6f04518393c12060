import { Duplex } from 'node:stream';
import { AbstractConnector } from 'ioredis';

/**
 * What the fake server does with a data command (anything but the connection handshake and the ready check):
 * answer it, say it is still loading its dataset, close the connection, reset it, or never answer.
 */
export type RedisBehaviour = 'answer' | 'loading' | 'close' | 'reset' | 'silent';

/** One RESP command off the wire: its name (upper case) and arguments. */
interface RespCommand {
  readonly name: string;
  readonly args: readonly string[];
}

/** Parses as many complete RESP arrays of bulk strings (what clients send) as `buffer` holds. */
function parseCommands(buffer: Buffer): { commands: RespCommand[]; rest: Buffer } {
  const commands: RespCommand[] = [];
  let at = 0;
  const line = (from: number) => {
    const end = buffer.indexOf('\r\n', from, 'latin1');
    return end < 0 ? undefined : { text: buffer.toString('latin1', from, end), next: end + 2 };
  };
  for (;;) {
    const header = line(at);
    if (!header || header.text[0] !== '*') break;
    const parts: string[] = [];
    let next = header.next;
    let complete = true;
    for (let i = 0; i < Number(header.text.slice(1)); i++) {
      const size = line(next);
      if (!size) {
        complete = false;
        break;
      }
      const length = Number(size.text.slice(1));
      if (size.next + length + 2 > buffer.length) {
        complete = false;
        break;
      }
      parts.push(buffer.toString('utf8', size.next, size.next + length));
      next = size.next + length + 2;
    }
    if (!complete) break;
    commands.push({ name: (parts[0] ?? '').toUpperCase(), args: parts.slice(1) });
    at = next;
  }
  return { commands, rest: buffer.subarray(at) };
}

const simple = (text: string) => `+${text}\r\n`;
const bulk = (text: string) => `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
const nulls = (n: number) => `*${n}\r\n${'$-1\r\n'.repeat(n)}`;

/**
 * The server side of one ioredis connection, in memory (handed over by fakeRedisConnector instead of a socket):
 * it answers the handshake (HELLO 3, CLIENT SETINFO) and the ready check (INFO: loading:0) like Redis 7, and
 * data commands (MGET, SET, DEL, SCAN, UNLINK, PING) as `behaviour()` says.
 */
class FakeRedisServer extends Duplex {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly behaviour: () => RedisBehaviour) {
    super();
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setTimeout(): this {
    return this;
  }

  override _read(): void {}

  override _final(done: (error?: Error | null) => void): void {
    done();
    this.push(null);
    this.destroy();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    done();
    const { commands, rest } = parseCommands(Buffer.concat([this.pending, chunk]));
    this.pending = rest;
    for (const command of commands) this.answer(command);
  }

  private answer({ name, args }: RespCommand): void {
    switch (name) {
      case 'HELLO':
        return this.send(`%2\r\n${simple('server')}${simple('redis')}${simple('proto')}:3\r\n`);
      case 'CLIENT':
        return this.send(simple('OK'));
      case 'INFO':
        return this.send(bulk('# Persistence\r\nloading:0\r\n'));
      case 'QUIT':
        return this.send(simple('OK'));
      default:
        break;
    }
    const behaviour = this.behaviour();
    switch (behaviour) {
      case 'answer':
        if (name === 'MGET') return this.send(nulls(args.length));
        if (name === 'SCAN') return this.send(`*2\r\n${bulk('0')}*0\r\n`);
        if (name === 'DEL' || name === 'UNLINK') return this.send(':0\r\n');
        return this.send(name === 'PING' ? simple('PONG') : simple('OK'));
      case 'loading':
        return this.send('-LOADING Redis is loading the dataset in memory\r\n');
      case 'close':
        setImmediate(() => {
          this.push(null);
          this.destroy();
        });
        return;
      case 'reset':
        setImmediate(() => this.destroy(Object.assign(new Error('read ECONNRESET'), { errno: -104, code: 'ECONNRESET', syscall: 'read' })));
        return;
      case 'silent':
        return;
      default: {
        const unexpected: never = behaviour;
        throw new Error(`unexpected behaviour ${String(unexpected)}`);
      }
    }
  }

  /** Answers on a later turn, as a socket would (never inside the client's own write). */
  private send(reply: string): void {
    setImmediate(() => {
      if (!this.destroyed) this.push(Buffer.from(reply, 'utf8'));
    });
  }
}

/**
 * An ioredis `Connector` (the option ioredis uses for Sentinel) that connects to a FakeRedisServer instead of a
 * socket: the real client, its handshake, reconnects and errors, without the network. `connections()` counts
 * the connections it made.
 */
export function fakeRedisConnector(behaviour: () => RedisBehaviour) {
  let connections = 0;
  class FakeRedisConnector extends AbstractConnector {
    constructor(options: unknown) {
      super((options as { disconnectTimeout?: number } | undefined)?.disconnectTimeout ?? 2000);
    }

    connect(): ReturnType<AbstractConnector['connect']> {
      this.connecting = true;
      connections++;
      // ioredis reads and writes the stream like a socket; the in-memory one implements what it calls.
      const stream = new FakeRedisServer(behaviour) as unknown as Awaited<ReturnType<AbstractConnector['connect']>>;
      (this as unknown as { stream: unknown }).stream = stream;
      return Promise.resolve(stream);
    }
  }
  return { Connector: FakeRedisConnector, connections: () => connections };
}
