import { ConfigError, loadConfig } from './app-config.js';

describe('ORGANISATION_POINTS (issue 15 program setting)', () => {
  it('gives organisations no points unless the program says so', () => {
    expect(loadConfig({}).organisations.points).toBe('none');
    expect(loadConfig({ ORGANISATION_POINTS: 'credited' }).organisations.points).toBe('credited');
  });

  it('refuses any other value, naming the variable', () => {
    expect(() => loadConfig({ ORGANISATION_POINTS: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ ORGANISATION_POINTS: 'yes' })).toThrow(/ORGANISATION_POINTS/);
  });
});
