/** An error the simulator answers with, in Segment's `{ errors: [...] }` envelope. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly field?: string,
    readonly data?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): { errors: Array<Record<string, unknown>> } {
    const error: Record<string, unknown> = { type: this.type, message: this.message };
    if (this.field !== undefined) error.field = this.field;
    if (this.data !== undefined) error.data = this.data;
    error.status = this.status;
    return { errors: [error] };
  }
}

export const notFound = (what: string, id?: string): SimError =>
  new SimError(404, 'NotFound', id === undefined ? `${what} not found` : `${what} '${id}' not found`);

export const validation = (field: string, message: string): SimError => new SimError(422, 'ValidationFailure', message, field);

export const conflict = (message: string, field?: string): SimError => new SimError(409, 'Conflict', message, field);

export const badRequest = (message: string, field?: string): SimError => new SimError(400, 'BadRequest', message, field);
