import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

export class DeleteWorkspaceQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true deletes the workspace and its whole history (admin only); needs confirm',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'purge must be true or false' })
  purge?: 'true' | 'false';

  @ApiPropertyOptional({ description: "the workspace's name, repeated, to confirm a purge" })
  @IsOptional()
  @IsString()
  confirm?: string;
}
