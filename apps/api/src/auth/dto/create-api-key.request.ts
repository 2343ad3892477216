import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { API_ROLES, ApiRole } from '@app/store';

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'nightly-ci' })
  @IsString()
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  name!: string;

  @ApiProperty({ enum: API_ROLES })
  @IsIn(API_ROLES, { message: `role must be one of ${API_ROLES.join(', ')}` })
  role!: ApiRole;
}
