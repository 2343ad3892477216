import { EnvText } from './env';

export class DatabaseConfig {
  @EnvText('DATABASE_URL', { pattern: /^postgres(ql)?:\/\/.+\/[^/?]+/, describe: 'a postgresql:// URL naming a database' })
  url = 'postgresql://postgres@127.0.0.1:5432/segment_backup';
}
