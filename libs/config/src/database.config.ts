import { Expose } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

export class DatabaseConfig {
  @Expose({ name: 'DATABASE_URL' })
  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+\/[^/?]+/, { message: 'DATABASE_URL must be a postgresql:// URL naming a database' })
  url = 'postgresql://postgres@127.0.0.1:5432/segment_backup';
}
