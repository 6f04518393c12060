/**
 * The limit for cached answers: a raw node `http` server that reads each request's body and answers it with the
 * same bytes — the gateway's own response to the benchmark's cached query — and its content type. No routing, no
 * parsing, no logging: what is left is node's HTTP machinery, which every node server here pays for too.
 *
 *   node --import tsx bench/read/rawReplayServer.ts <body file> <content type> <port>
 *
 * Listens on 127.0.0.1 and `port` (0: any free one) and prints `{"ready":true,"url":…,"pid":…}` once it does.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [bodyFile, contentType, port = '0'] = process.argv.slice(2);
if (!bodyFile || !contentType) {
  console.error('usage: rawReplayServer.ts <body file> <content type> [port]');
  process.exit(2);
}
const body = readFileSync(bodyFile);
const headers = { 'content-type': contentType, 'content-length': String(body.byteLength) };

const server = createServer((req, res) => {
  req.resume();
  req.once('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  const listening = typeof address === 'object' && address ? address.port : port;
  console.log(JSON.stringify({ ready: true, url: `http://127.0.0.1:${listening}/graphql`, pid: process.pid }));
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
