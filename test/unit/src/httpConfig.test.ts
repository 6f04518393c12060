import { ConfigError, loadConfig } from '../../../src/config';
import { CONFIG_VARIABLES } from '../../../src/configVariables';

describe('loadConfig: HTTP_* bounds of the server', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 1024 });
    expect([CONFIG_VARIABLES.HTTP_HEADERS_TIMEOUT_MS.default, CONFIG_VARIABLES.HTTP_REQUEST_TIMEOUT_MS.default, CONFIG_VARIABLES.HTTP_MAX_CONNECTIONS.default]).toEqual(['10000', '30000', '1024']);
  });

  it('reads them', () => {
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_MAX_CONNECTIONS: '8' }).http).toEqual({ headersTimeoutMs: 2000, requestTimeoutMs: 2000, maxConnections: 8 });
  });

  it('refuses a header timeout longer than the request timeout, and values out of range', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '4000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/);
    for (const env of [{ HTTP_MAX_CONNECTIONS: '0' }, { HTTP_REQUEST_TIMEOUT_MS: '10' }, { HTTP_HEADERS_TIMEOUT_MS: 'soon' }]) expect(() => loadConfig(env)).toThrow(ConfigError);
  });
});
