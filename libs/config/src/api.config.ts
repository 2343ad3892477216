import { Expose, Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { toNumber } from './transforms';

export class ApiConfig {
  @Expose({ name: 'PORT' })
  @Transform(toNumber)
  @IsInt({ message: 'PORT must be a port number' })
  @Min(0)
  @Max(65535)
  port = 3000;

  @Expose({ name: 'HOST' })
  @IsString()
  host = '0.0.0.0';

  /** The first admin key; when unset and no key exists, one is generated and printed once. */
  @Expose({ name: 'ADMIN_API_KEY' })
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'ADMIN_API_KEY must be at least 24 characters' })
  adminApiKey?: string;
}
