import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { PageQuery } from './pagination';
import { createValidationPipe } from './validation';

class Inner {
  @IsString({ message: 'label must be a string' })
  label!: string;
}

class Body {
  @IsString({ message: 'name must be a string' })
  name!: string;

  @IsOptional()
  @IsInt({ message: 'count must be a whole number' })
  @Min(1, { message: 'count must be at least 1' })
  count?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => Inner)
  inner?: Inner;
}

const pipe = createValidationPipe();
const validate = (value: unknown, metatype: new () => object = Body, type: 'body' | 'query' = 'body') =>
  pipe.transform(value, { type, metatype });

/** The 400 the pipe throws, as the API sends it. */
async function refusal(
  value: unknown,
  metatype?: new () => object,
): Promise<{ message: string; details: { fields: Record<string, string[]> } }> {
  const error = await validate(value, metatype).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestException);
  return (error as BadRequestException).getResponse() as { message: string; details: { fields: Record<string, string[]> } };
}

describe('createValidationPipe', () => {
  it('gives an instance of the DTO', async () => {
    const body = await validate({ name: 'web', inner: { label: 'x' } });
    expect(body).toBeInstanceOf(Body);
    expect((body as Body).inner).toBeInstanceOf(Inner);
  });

  it('names every offending field, nested ones by their path', async () => {
    const { message, details } = await refusal({ name: 3, inner: { label: 4 } });
    expect(message).toBe('name must be a string; inner.label: label must be a string');
    expect(details.fields).toEqual({ name: ['name must be a string'], 'inner.label': ['label must be a string'] });
  });

  it('refuses fields the DTO does not declare', async () => {
    const { details } = await refusal({ name: 'web', admin: true });
    expect(details.fields).toEqual({ admin: ['property admin should not exist'] });
  });

  it('reports one problem per field', async () => {
    const { details } = await refusal({ name: 'web', count: 0.5 });
    expect(details.fields.count).toHaveLength(1);
  });

  it('converts query strings: a limit is a number, given once', async () => {
    expect(await validate({ limit: '25' }, PageQuery, 'query')).toMatchObject({ limit: 25 });
    const { message } = await refusal({ limit: ['1', '2'] }, PageQuery);
    expect(message).toBe('limit must be a whole number, given once');
    expect((await refusal({ limit: 'ten' }, PageQuery)).message).toBe('limit must be a whole number, given once');
    expect((await refusal({ limit: '5000' }, PageQuery)).message).toBe('limit must be at most 1000');
    expect((await refusal({ limit: '0' }, PageQuery)).message).toBe('limit must be at least 1');
  });
});
