// Reads what @azure/identity / MSAL errors say (OAuth error, AADSTS code, correlation id) into a
// token-free summary. The SDK's error objects are never kept: some hold the HTTP request, whose
// body has the user's assertion and the client secret.
import { redactString } from '../logging/redact';
import type { IdentityErrorSummary } from './token-error';

const MAX_MESSAGE = 1000;

export function summarizeIdentityError(e: unknown): IdentityErrorSummary {
  if (!(e instanceof Error)) return { name: typeof e, message: 'A non-Error value was thrown.' };
  const response = errorResponse(e);
  const text = [e.message, response?.errorDescription ?? ''].join('\n');
  const aadstsCode = response?.errorCodes?.[0] ?? firstNumber(/AADSTS(\d+)/.exec(text)) ?? firstNumber(/Error\(s\):\s*(\d+)/.exec(text));
  const oauthError = response?.error ?? /^([a-z_]+):/.exec(e.message)?.[1];
  const correlationId = response?.correlationId ?? /Correlation ID:\s*([0-9a-f-]{36})/i.exec(text)?.[1];
  const traceId = response?.traceId ?? /Trace ID:\s*([0-9a-f-]{36})/i.exec(text)?.[1];
  const httpStatus = numberProp(e, 'statusCode');
  return {
    name: e.name,
    ...(oauthError === undefined ? {} : { oauthError }),
    ...(aadstsCode === undefined ? {} : { aadstsCode }),
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(traceId === undefined ? {} : { traceId }),
    message: redactString(e.message).slice(0, MAX_MESSAGE),
  };
}

interface ErrorResponseShape {
  error?: string | undefined;
  errorDescription?: string | undefined;
  errorCodes?: number[] | undefined;
  correlationId?: string | undefined;
  traceId?: string | undefined;
}

/** AuthenticationError.errorResponse, read defensively (its shape is the SDK's, not ours). */
function errorResponse(e: Error): ErrorResponseShape | undefined {
  const r: unknown = Reflect.get(e, 'errorResponse');
  if (typeof r !== 'object' || r === null) return undefined;
  const get = (k: string): unknown => Reflect.get(r, k);
  const codes = get('errorCodes');
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    error: str(get('error')),
    errorDescription: str(get('errorDescription')),
    errorCodes: Array.isArray(codes) ? codes.filter((c): c is number => typeof c === 'number') : undefined,
    correlationId: str(get('correlationId')),
    traceId: str(get('traceId')),
  };
}

function numberProp(e: Error, key: string): number | undefined {
  const v: unknown = Reflect.get(e, key);
  return typeof v === 'number' ? v : undefined;
}

function firstNumber(m: RegExpExecArray | null): number | undefined {
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
