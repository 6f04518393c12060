import { createServer } from 'node:net';

/** The ports the benchmark may listen on (all on 127.0.0.1): a range of their own, apart from every store's default. */
export const PORT_RANGE = { low: 20_000, high: 20_999 } as const;

const handedOut = new Set<number>();

/**
 * A port of PORT_RANGE that nothing listens on now and this run has not handed out before: tried at random, so two
 * runs side by side rarely collide, and checked by binding it on 127.0.0.1 for a moment.
 */
export async function freePort(): Promise<number> {
  const span = PORT_RANGE.high - PORT_RANGE.low + 1;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_RANGE.low + Math.floor(Math.random() * span);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${PORT_RANGE.low}–${PORT_RANGE.high} on 127.0.0.1`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
