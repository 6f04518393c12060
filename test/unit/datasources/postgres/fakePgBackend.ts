import { Duplex } from 'node:stream';
import { assertNever } from '../../../../src/core/assertNever';

/**
 * How the fake server behaves, at connect time or when a query arrives. Every behaviour is what a PostgreSQL
 * server that is going away does on the wire; pg (the real client and pool) turns it into its own errors.
 */
export type PgBackendBehaviour =
  /** The port refuses: the socket fails with ECONNREFUSED before connecting. */
  | { kind: 'refuse' }
  /** Nothing ever answers the connect (a host that dropped off): only a timeout ends it. */
  | { kind: 'hang' }
  /** The connection is reset (ECONNRESET), then closed. */
  | { kind: 'reset' }
  /** The connection closes without a word (the server process died). */
  | { kind: 'close' }
  /** An ErrorResponse: severity, SQLSTATE, message. FATAL ones are followed by the server closing the connection. */
  | { kind: 'error'; severity: 'ERROR' | 'FATAL' | 'PANIC'; code: string; message: string }
  /** A successful statement: no rows. */
  | { kind: 'ok' };

export interface PgBackendScript {
  /** At connect and startup (default: accept). */
  readonly onConnect?: PgBackendBehaviour;
  /** When a query arrives (default: ok). */
  readonly onQuery?: PgBackendBehaviour;
}

const message = (type: string, payload: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([header, payload]);
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const cstring = (s: string) => Buffer.from(`${s}\0`, 'utf8');

const AUTHENTICATION_OK = message('R', int32(0));
const READY_FOR_QUERY = message('Z', Buffer.from('I'));
const COMMAND_COMPLETE = message('C', cstring('SELECT 0'));

/** An ErrorResponse as the server sends it (protocol 3: fields S, V, C, M, then a terminating zero). */
function errorResponse(severity: string, code: string, text: string): Buffer {
  return message('E', Buffer.concat([Buffer.from('S'), cstring(severity), Buffer.from('V'), cstring(severity), Buffer.from('C'), cstring(code), Buffer.from('M'), cstring(text), Buffer.from([0])]));
}

/** Node's socket error as `net` creates it. */
function socketError(code: 'ECONNREFUSED' | 'ECONNRESET', syscall: 'connect' | 'read'): Error {
  const text = syscall === 'connect' ? `connect ${code} 127.0.0.1:5432` : `${syscall} ${code}`;
  return Object.assign(new Error(text), { errno: code === 'ECONNREFUSED' ? -111 : -104, code, syscall, ...(syscall === 'connect' ? { address: '127.0.0.1', port: 5432 } : {}) });
}

/**
 * The server side of one pg connection, in memory: pg's `stream` option hands it to the client instead of a
 * socket (so no socket is opened). It speaks just enough of the protocol for a simple query: startup → AuthenticationOk +
 * ReadyForQuery; a query → the scripted behaviour.
 */
export class FakePgBackend extends Duplex {
  private started = false;

  constructor(private readonly script: PgBackendScript) {
    super();
  }

  /** pg calls these on a socket; the in-memory one has nothing to tune. */
  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  /** pg's Connection connects the stream itself (`stream.connect(port, host)`). */
  connect(): this {
    const behaviour = this.script.onConnect;
    process.nextTick(() => {
      if (behaviour?.kind === 'refuse') {
        this.destroy(socketError('ECONNREFUSED', 'connect'));
      } else if (behaviour?.kind !== 'hang') {
        this.emit('connect');
      }
    });
    return this;
  }

  override _read(): void {}

  /** The client ended its side (after Terminate): the server closes too, as a socket's peer would. */
  override _final(done: (error?: Error | null) => void): void {
    done();
    this.closeFromServer();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    done();
    if (!this.started) {
      this.started = true; // the startup message
      const behaviour = this.script.onConnect;
      if (behaviour !== undefined && behaviour.kind !== 'refuse' && behaviour.kind !== 'hang') this.behave(behaviour);
      else this.send(Buffer.concat([AUTHENTICATION_OK, READY_FOR_QUERY]));
      return;
    }
    if (chunk[0] === 0x58) return; // Terminate ('X'): the client is closing
    this.behave(this.script.onQuery ?? { kind: 'ok' });
  }

  private behave(behaviour: PgBackendBehaviour): void {
    switch (behaviour.kind) {
      case 'ok':
        this.send(Buffer.concat([COMMAND_COMPLETE, READY_FOR_QUERY]));
        return;
      case 'error':
        if (behaviour.severity === 'ERROR') {
          this.send(Buffer.concat([errorResponse(behaviour.severity, behaviour.code, behaviour.message), READY_FOR_QUERY]));
          return;
        }
        // A FATAL error ends the backend: the server sends it, then closes the connection.
        this.send(errorResponse(behaviour.severity, behaviour.code, behaviour.message));
        setImmediate(() => setImmediate(() => this.closeFromServer()));
        return;
      case 'reset':
        setImmediate(() => this.destroy(socketError('ECONNRESET', 'read')));
        return;
      case 'close':
        setImmediate(() => this.closeFromServer());
        return;
      case 'refuse':
      case 'hang':
        return; // connect-time behaviours only
      default:
        assertNever(behaviour);
    }
  }

  /**
   * Hands bytes to the client on a later turn, as a socket does: pushed at once, they would be parsed inside the
   * client's own write (pg is not reentrant there, and no real server answers synchronously).
   */
  private send(bytes: Buffer): void {
    setImmediate(() => {
      if (!this.destroyed) this.push(bytes);
    });
  }

  private closeFromServer(): void {
    this.push(null);
    this.destroy();
  }
}

