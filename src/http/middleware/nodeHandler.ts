import type http from 'node:http';

/**
 * A middleware over Node's own request and response, as the HTTP server hands them over: what runs before Express
 * (so a response-cache hit can be answered without it) and inside it alike (Express takes these as they are).
 */
export type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/** The path of a request's URL, without its query string (what Express calls `req.path`). */
export function pathOf(req: http.IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Runs `handlers` in order, each calling the next through `next`, and `last` after them. */
export function chainHandlers(handlers: readonly NodeHandler[], last: (req: http.IncomingMessage, res: http.ServerResponse) => void): http.RequestListener {
  return (req, res) => {
    const step = (index: number): void => {
      const handler = handlers[index];
      if (handler) handler(req, res, () => step(index + 1));
      else last(req, res);
    };
    step(0);
  };
}
