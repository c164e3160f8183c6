// HTTP plumbing shared by the API and control routes: the OData JSON headers, the error envelope,
// and a size-limited body reader.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CONTENT_TYPE = 'application/json; odata.metadata=minimal';
export const MAX_BODY_BYTES = 64 * 1024;

/** An error answered in the API's envelope: {"error":{"code","message","target"}}. */
export class SimHttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'SimHttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function errorEnvelope(
  code: string,
  message: string,
  correlationId: string,
): { error: { code: string; message: string; target: string } } {
  return { error: { code, message, target: correlationId } };
}

/** Writes a complete response with the headers every simulator response carries. Returns the status. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  correlationId: string,
  headers: Readonly<Record<string, string>> = {},
): number {
  if (res.destroyed || res.writableEnded) return status;
  res.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'OData-Version': '4.0',
    'mise-correlation-id': correlationId,
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
  return status;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  correlationId: string,
  headers: Readonly<Record<string, string>> = {},
): number {
  return sendText(res, status, JSON.stringify(body), correlationId, headers);
}

export function sendError(res: ServerResponse, error: SimHttpError, correlationId: string): number {
  return sendJson(res, error.status, errorEnvelope(error.code, error.message, correlationId), correlationId, error.headers);
}

/** Reads the request body, refusing (413) more than `limit` bytes whether or not Content-Length says so. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const tooLarge = (): SimHttpError =>
    new SimHttpError(413, 'RequestEntityTooLarge', `The request body exceeds ${limit} bytes.`, { Connection: 'close' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      if (!failed) {
        failed = true;
        reject(e);
      }
    });
  });
}
