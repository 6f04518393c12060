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

describe('loadConfig: AUTH_JWT_MAX_AGE', () => {
  it('defaults to 24 h and reads seconds or a span with a unit', () => {
    expect(loadConfig({}).auth.maxTokenAgeSeconds).toBe(86_400);
    expect(CONFIG_VARIABLES.AUTH_JWT_MAX_AGE.default).toBe('24h');
    expect(loadConfig({ AUTH_JWT_MAX_AGE: '3600' }).auth.maxTokenAgeSeconds).toBe(3600);
    expect(loadConfig({ AUTH_JWT_MAX_AGE: '90m' }).auth.maxTokenAgeSeconds).toBe(5400);
    expect(loadConfig({ AUTH_JWT_MAX_AGE: '7d' }).auth.maxTokenAgeSeconds).toBe(604_800);
  });

  it('refuses what is no span, or outside 60 s to 366 days', () => {
    for (const value of ['forever', '1y', '30', '400d', '-1h']) expect(() => loadConfig({ AUTH_JWT_MAX_AGE: value })).toThrow(/AUTH_JWT_MAX_AGE/);
  });
});
