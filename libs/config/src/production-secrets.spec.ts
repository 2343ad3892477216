import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './load-config';
import { ProcessConfig } from './process-config';
import { EXAMPLE_ADMIN_API_KEYS, EXAMPLE_ENCRYPTION_KEYS } from './security.config';

const REAL_KEYS = 'prod:q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8M=';
const EXAMPLE_KEYS = `compose:${EXAMPLE_ENCRYPTION_KEYS[0]}`;

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    ProcessConfig.load(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

/** Issue 10: the example secrets of docker-compose.yml never protect real data. */
describe('example secrets in production', () => {
  it('refuses the example admin key, naming ADMIN_API_KEY', () => {
    const found = problems({ NODE_ENV: 'production', ADMIN_API_KEY: EXAMPLE_ADMIN_API_KEYS[0], TOKEN_ENCRYPTION_KEYS: REAL_KEYS });
    expect(found).toEqual([expect.stringContaining('ADMIN_API_KEY')]);
    expect(problems({ NODE_ENV: 'production', ADMIN_API_KEY: 'sbk_please_change_me_before_use_0000' })).toHaveLength(1);
  });

  it('refuses the example encryption key, even among others, naming TOKEN_ENCRYPTION_KEYS', () => {
    const found = problems({
      NODE_ENV: 'production',
      ADMIN_API_KEY: 'sbk_a_real_key_0123456789abcdef',
      TOKEN_ENCRYPTION_KEYS: `${REAL_KEYS},${EXAMPLE_KEYS}`,
    });
    expect(found).toEqual([expect.stringContaining('TOKEN_ENCRYPTION_KEYS')]);
  });

  it('accepts real values in production, and the examples outside it', () => {
    expect(
      problems({ NODE_ENV: 'production', ADMIN_API_KEY: 'sbk_a_real_key_0123456789abcdef', TOKEN_ENCRYPTION_KEYS: REAL_KEYS }),
    ).toEqual([]);
    expect(problems({ NODE_ENV: 'development', ADMIN_API_KEY: EXAMPLE_ADMIN_API_KEYS[0], TOKEN_ENCRYPTION_KEYS: EXAMPLE_KEYS })).toEqual(
      [],
    );
  });

  it('docker-compose.yml provides no default for either secret: compose refuses to start without them', () => {
    const compose = readFileSync(join(__dirname, '..', '..', '..', 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/ADMIN_API_KEY: \$\{ADMIN_API_KEY:\?[^}]+\}/);
    expect(compose).toMatch(/TOKEN_ENCRYPTION_KEYS: \$\{TOKEN_ENCRYPTION_KEYS:\?[^}]+\}/);
    for (const example of [...EXAMPLE_ADMIN_API_KEYS, ...EXAMPLE_ENCRYPTION_KEYS]) expect(compose).not.toContain(example);
  });
});
