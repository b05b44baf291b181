import { describe, expect, it } from 'vitest';
import type { ActiveConnection } from '../stores/connection-store.ts';
import {
  connectionLabel,
  describeDataSource,
  needsDirectConnection,
  serverOffersApi,
  type ServerInfoState,
} from './describe-connection.ts';

const server: ActiveConnection = { kind: 'server' };
const KEY = 'test-key-unit-0123456789';
const direct: ActiveConnection = {
  kind: 'direct',
  connection: { baseURL: 'https://api.openai.com/v1', apiKey: KEY, project: 'proj_1' },
  remember: false,
};
const demo: ServerInfoState = {
  status: 'success',
  info: { mode: 'demo', completions: 240, keyRequired: false, search: true },
};
const proxy: ServerInfoState = {
  status: 'success',
  info: { mode: 'proxy', baseURL: 'https://api.openai.com/v1', keyRequired: false, search: false },
};
const staticHost: ServerInfoState = { status: 'success', info: { mode: 'static' } };
const keyed: ServerInfoState = {
  status: 'success',
  info: { mode: 'demo', keyRequired: true, search: true },
};

describe('describing the connection', () => {
  it('labels the header button', () => {
    expect(connectionLabel(server, demo)).toBe('Connection: local demo data');
    expect(connectionLabel(server, proxy)).toBe('Connection: proxy to https://api.openai.com/v1');
    expect(connectionLabel(server, staticHost)).toBe('Connection: not set');
    expect(connectionLabel(server, keyed)).toBe('Connection: not set');
    expect(connectionLabel(direct, staticHost)).toBe(
      'Connection: direct to https://api.openai.com/v1',
    );
  });

  it('says in plain words where the data comes from, never with the key', () => {
    expect(describeDataSource(server, demo)).toContain('Local demo data (240 stored completions)');
    expect(describeDataSource(server, proxy)).toContain('the key stays on the server');
    expect(describeDataSource(server, staticHost)).toContain('needs a direct connection');
    const text = describeDataSource(direct, demo);
    expect(text).toContain('project proj_1');
    expect(text).toContain('sessionStorage');
    expect(text).not.toContain(KEY);
  });

  it('knows when a direct connection is needed and when the server can be used', () => {
    expect(needsDirectConnection(server, staticHost)).toBe(true);
    expect(needsDirectConnection(server, keyed)).toBe(true);
    expect(needsDirectConnection(server, demo)).toBe(false);
    expect(needsDirectConnection(direct, staticHost)).toBe(false);
    expect(needsDirectConnection(server, { status: 'pending' })).toBe(false);
    expect(serverOffersApi(demo)).toBe(true);
    expect(serverOffersApi(keyed)).toBe(false);
    expect(serverOffersApi(staticHost)).toBe(false);
  });
});
