// Embedded and integration tests boot PGlite (WebAssembly) or talk to real servers: allow them a minute.
jest.setTimeout(60_000);
