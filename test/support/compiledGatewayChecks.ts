import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GatewayProcess } from './gatewayProcess';
import { linesWith } from './gatewayProcess';

/** POSTs one GraphQL operation to a gateway process and answers its JSON. */
export async function postGraphql<T>(gateway: GatewayProcess, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** The version package.json declares (what `gateway { version }` must answer). */
export function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Sends SIGTERM to the gateway's node process and waits for a clean exit (0, `shutdown complete`). */
export async function expectCleanStop(gateway: GatewayProcess): Promise<void> {
  gateway.signal('SIGTERM');
  const exit = await gateway.exited;
  expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
  expect(linesWith(gateway.logs, 'shutdown complete')).toHaveLength(1);
}
