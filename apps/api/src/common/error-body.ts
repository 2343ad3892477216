/** Every error the API answers with: `{statusCode, error, message, details?}`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

export const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export const errorBody = (statusCode: number, message: string, details?: Record<string, unknown>): ErrorBody => ({
  statusCode,
  error: REASONS[statusCode] ?? 'Error',
  message,
  ...(details && Object.keys(details).length ? { details } : {}),
});
