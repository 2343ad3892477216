import { IsIn, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class CrossDiffQuery extends PageQuery {
  @IsString({ message: 'left is required: <workspace id or name>[@<version|instant|latest>]' })
  left!: string;

  @IsString({ message: 'right is required: <workspace id or name>[@<version|instant|latest>]' })
  right!: string;

  @IsOptional()
  @IsString()
  kind?: string;

  @IsOptional()
  @IsIn(['onlyLeft', 'onlyRight', 'changed', 'ambiguous'], { message: 'status must be onlyLeft, onlyRight, changed or ambiguous' })
  status?: string;
}
