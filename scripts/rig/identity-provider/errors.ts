// Entra's token-endpoint error envelope. Clients key on `error`, `error_codes` and the "AADSTSnnnnn:"
// prefix of `error_description`, so all three are reproduced, with the real codes and HTTP statuses.
import { randomUUID } from 'node:crypto';

export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  suberror?: string;
  error_uri?: string;
}

export interface EntraError {
  status: 400 | 401 | 404 | 500 | 503;
  body: EntraErrorBody;
}

/** The AADSTS codes the local IdP answers with, and the `error`/status Entra pairs them with. */
export const AADSTS = {
  missingParameter: { code: 900144, error: 'invalid_request', status: 400 },
  tenantNotFound: { code: 90002, error: 'invalid_request', status: 400 },
  unsupportedGrant: { code: 70003, error: 'unsupported_grant_type', status: 400 },
  unknownClient: { code: 700016, error: 'unauthorized_client', status: 400 },
  invalidClientSecret: { code: 7000215, error: 'invalid_client', status: 401 },
  missingClientCredential: { code: 7000218, error: 'invalid_client', status: 401 },
  invalidClientAssertion: { code: 700027, error: 'invalid_client', status: 401 },
  noFederatedCredential: { code: 700213, error: 'invalid_client', status: 401 },
  malformedAssertion: { code: 50027, error: 'invalid_request', status: 400 },
  assertionInvalid: { code: 50013, error: 'invalid_grant', status: 400 },
  assertionExpired: { code: 500133, error: 'invalid_grant', status: 400 },
  multipleResources: { code: 28000, error: 'invalid_request', status: 400 },
  resourceNotFound: { code: 500011, error: 'invalid_resource', status: 400 },
  invalidScope: { code: 70011, error: 'invalid_scope', status: 400 },
  consentRequired: { code: 65001, error: 'invalid_grant', status: 400 },
  temporarilyUnavailable: { code: 90033, error: 'temporarily_unavailable', status: 503 },
} as const satisfies Record<string, { code: number; error: string; status: EntraError['status'] }>;

export type AadstsName = keyof typeof AADSTS;

export function entraError(name: AadstsName, description: string, extra: { suberror?: string; now?: number } = {}): EntraError {
  const def = AADSTS[name];
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(extra.now ?? Date.now())
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status: def.status,
    body: {
      error: def.error,
      // Entra appends the trace/correlation ids and timestamp to the description; clients show it verbatim.
      error_description: `AADSTS${def.code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [def.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      ...(extra.suberror === undefined ? {} : { suberror: extra.suberror }),
      error_uri: `https://login.microsoftonline.com/error?code=${def.code}`,
    },
  };
}

export function tenantNotFoundDescription(tenant: string): string {
  return `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`;
}

/** Thrown inside request handling; the server turns it into the envelope. */
export class EntraErrorResponse extends Error {
  constructor(readonly entra: EntraError) {
    super(entra.body.error_description);
    this.name = 'EntraErrorResponse';
  }
}

export function fail(name: AadstsName, description: string, extra: { suberror?: string; now?: number } = {}): never {
  throw new EntraErrorResponse(entraError(name, description, extra));
}
