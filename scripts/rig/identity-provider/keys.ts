// RS256 signing keys and the JWKS documents that publish them. Keys are generated per IdP start, so
// nothing signed by one test run validates in another.
import { createHash, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** One entry of a JWKS document, as Entra publishes it (plus Bot Framework's `endorsements`). */
export interface PublishedJwk {
  kty: string;
  use: 'sig';
  kid: string;
  x5t: string;
  n: string;
  e: string;
  alg?: 'RS256';
  issuer?: string;
  endorsements?: string[];
}

export interface JsonWebKeySet {
  keys: PublishedJwk[];
}

export function createSigningKey(): SigningKey {
  // 2048-bit RSA keeps start-up fast (~50 ms) while matching what Entra publishes.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // Entra's kid is an opaque base64url string; a random one stands in for the certificate thumbprint.
  return { kid: randomBytes(20).toString('base64url'), privateKey, publicKey };
}

export function publishKey(key: SigningKey, extra: Pick<PublishedJwk, 'issuer' | 'endorsements'> = {}): PublishedJwk {
  const jwk: JsonWebKey = key.publicKey.export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string' || typeof jwk.kty !== 'string') throw new Error('not an RSA public key');
  const x5t = createHash('sha1').update(key.kid).digest('base64url');
  return { kty: jwk.kty, use: 'sig', kid: key.kid, x5t, n: jwk.n, e: jwk.e, alg: 'RS256', ...extra };
}

/** Signs `claims` as a compact RS256 JWT with `kid` in the header (what every Entra token carries). */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  return jwt.sign(claims, key.privateKey, { algorithm: 'RS256', header: { alg: 'RS256', typ: 'JWT', kid: key.kid } });
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Splits a compact JWT without checking anything; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const decoded = jwt.decode(token, { complete: true });
  if (decoded === null || !isRecord(decoded.payload)) return undefined;
  return { header: { ...decoded.header }, payload: decoded.payload };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when the signature verifies with `publicKey` for one of `algorithms`; claims are not checked here. */
export function signatureValid(token: string, publicKey: KeyObject, algorithms: jwt.Algorithm[] = ['RS256']): boolean {
  try {
    jwt.verify(token, publicKey, { algorithms, ignoreExpiration: true, ignoreNotBefore: true });
    return true;
  } catch {
    return false;
  }
}
