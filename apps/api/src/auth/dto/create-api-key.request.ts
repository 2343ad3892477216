import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { API_ROLES, ApiRole } from '@app/store';
import { IsOptionalNotNull } from '../../common/optional';

/** Postgres refuses NUL characters in text: a 400 here, not a 500 there. */
const NO_NUL = new RegExp(`^[^${String.fromCharCode(0)}]*$`);

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'nightly-ci' })
  @IsString()
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  @Matches(NO_NUL, { message: 'name must not contain NUL characters' })
  name!: string;

  @ApiProperty({ example: 'admin', enum: API_ROLES })
  @IsIn(API_ROLES, { message: `role must be one of ${API_ROLES.join(', ')}` })
  role!: ApiRole;

  @ApiPropertyOptional({
    example: ['6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60'],
    type: [String],
    description: 'Limits the key to these workspaces (ids or names); without it, the key may touch every workspace',
  })
  @IsOptionalNotNull()
  @IsArray({ message: 'workspaces must be a list of workspace ids or names' })
  @ArrayMaxSize(1000, { message: 'workspaces must list at most 1000 workspaces' })
  @IsString({ each: true, message: 'workspaces must be a list of workspace ids or names' })
  @Length(1, 200, { each: true, message: 'each of workspaces must be 1–200 characters' })
  @Matches(NO_NUL, { each: true, message: 'workspaces must not contain NUL characters' })
  workspaces?: string[];
}
