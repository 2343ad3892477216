import { ConfigError, loadConfig } from './load-config';
import { EnvBoolean, EnvChoice, EnvInt, EnvNumber, EnvText, EnvUrl } from './env';

class Sample {
  @EnvInt('SAMPLE_PORT', { what: 'a port number', min: 0, max: 65535 })
  port = 3000;

  @EnvNumber('SAMPLE_RATIO', { min: 0, max: 1 })
  ratio = 0.5;

  @EnvBoolean('SAMPLE_ENABLED')
  enabled = true;

  @EnvChoice('SAMPLE_MODE', ['fast', 'slow'])
  mode = 'fast';

  @EnvText('SAMPLE_NAME', { pattern: /^[a-z]+$/, describe: 'lowercase letters', optional: true })
  name?: string;

  @EnvUrl('SAMPLE_URL', { optional: true })
  url?: string;
}

const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(Sample, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('environment decorators', () => {
  it('read text into typed values, defaults where a variable is unset or empty', () => {
    const config = loadConfig(Sample, {
      SAMPLE_PORT: '8080',
      SAMPLE_RATIO: '0.25',
      SAMPLE_ENABLED: 'off',
      SAMPLE_MODE: 'slow',
      SAMPLE_NAME: '',
    });
    expect(config).toMatchObject({ port: 8080, ratio: 0.25, enabled: false, mode: 'slow' });
    expect(config.name).toBeUndefined();
  });

  it('read false, 0, no and off as false in any case, anything else as true', () => {
    for (const text of ['false', 'FALSE', '0', 'no', 'Off']) expect(loadConfig(Sample, { SAMPLE_ENABLED: text }).enabled).toBe(false);
    for (const text of ['true', '1', 'yes']) expect(loadConfig(Sample, { SAMPLE_ENABLED: text }).enabled).toBe(true);
  });

  it('report one message per wrong variable, naming it and what it must be', () => {
    expect(
      problems({ SAMPLE_PORT: 'eighty', SAMPLE_RATIO: '2', SAMPLE_MODE: 'medium', SAMPLE_NAME: 'Bob', SAMPLE_URL: 'ftp://x' }),
    ).toEqual([
      'SAMPLE_PORT must be a port number from 0 to 65535',
      'SAMPLE_RATIO must be a number from 0 to 1',
      'SAMPLE_MODE must be one of fast, slow',
      'SAMPLE_NAME must be lowercase letters',
      'SAMPLE_URL must be an http(s) URL',
    ]);
  });

  it('refuse fractions where a whole number is needed, and values out of range', () => {
    expect(problems({ SAMPLE_PORT: '80.5' })).toEqual(['SAMPLE_PORT must be a port number from 0 to 65535']);
    expect(problems({ SAMPLE_PORT: '70000' })).toEqual(['SAMPLE_PORT must be a port number from 0 to 65535']);
    expect(problems({ SAMPLE_PORT: '0' })).toEqual([]);
  });
});
