// Authenticating the app that calls the token endpoint: a client secret, a certificate-signed
// client assertion (x5t / x5t#S256 header, aud = the token endpoint), or a federated assertion this
// IdP issued to a managed identity (aud api://AzureADTokenExchange). Failures use Entra's codes.
import { X509Certificate, createHash, timingSafeEqual } from 'node:crypto';
import { fail } from './errors';
import { decodeJwt, signatureValid, type SigningKey } from './keys';
import { v2Issuer } from './mint';
import { TOKEN_EXCHANGE_AUDIENCE, type ClientRegistration } from './options';

const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface ClientAuthContext {
  baseUrl: string;
  tenantId: string;
  /** The URL the client posted to: the only `aud` a certificate assertion may carry. */
  tokenEndpoint: string;
  /** The IdP's own key, which signs managed-identity assertions. */
  idpKey: SigningKey;
  nowSeconds: number;
}

export type ClientAuthMethod = 'secret' | 'certificate' | 'federated';

export function authenticateClient(form: URLSearchParams, client: ClientRegistration, ctx: ClientAuthContext): ClientAuthMethod {
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (secret !== null) {
    if (!(client.secrets ?? []).some((s) => sameSecret(s, secret))) {
      fail(
        'invalidClientSecret',
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`,
      );
    }
    return 'secret';
  }
  if (assertion === null) {
    fail('missingClientCredential', "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION_TYPE) {
    fail(
      'missingParameter',
      `The request body must contain the following parameter: 'client_assertion_type' with the value '${JWT_BEARER_ASSERTION_TYPE}'.`,
    );
  }
  const decoded = decodeJwt(assertion);
  if (decoded === undefined)
    fail('invalidClientAssertion', 'Client assertion failed signature validation. [Reason - The client assertion is not a JWT.]');
  const { header, payload } = decoded;
  const exp = typeof payload.exp === 'number' ? payload.exp : 0;
  const nbf = typeof payload.nbf === 'number' ? payload.nbf : 0;

  if (header.kid === ctx.idpKey.kid) {
    // A federated credential: the assertion was issued by this IdP to a managed identity.
    if (!signatureValid(assertion, ctx.idpKey.publicKey)) fail('invalidClientAssertion', 'Client assertion failed signature validation.');
    if (exp <= ctx.nowSeconds) fail('invalidClientAssertion', 'Client assertion is not within its valid time range.');
    const sub = typeof payload.sub === 'string' ? payload.sub : '';
    if (payload.iss !== v2Issuer(ctx) || payload.aud !== TOKEN_EXCHANGE_AUDIENCE || !(client.federatedSubjects ?? []).includes(sub)) {
      fail(
        'noFederatedCredential',
        `No matching federated identity record found for presented assertion subject '${sub}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
      );
    }
    return 'federated';
  }

  const cert = findCertificate(client, header);
  if (cert === undefined) {
    fail(
      'invalidClientAssertion',
      `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${String(header.x5t ?? header['x5t#S256'] ?? '')}'] Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${client.clientId}'.`,
    );
  }
  if (!signatureValid(assertion, cert.publicKey, ['RS256', 'PS256']))
    fail('invalidClientAssertion', 'Client assertion failed signature validation.');
  if (exp <= ctx.nowSeconds || nbf > ctx.nowSeconds + 300)
    fail('invalidClientAssertion', 'Client assertion is not within its valid time range.');
  if (payload.iss !== client.clientId || payload.sub !== client.clientId) {
    fail('invalidClientAssertion', "Client assertion contains an invalid signature or claims: 'iss' and 'sub' must be the client id.");
  }
  if (payload.aud !== ctx.tokenEndpoint) {
    fail('invalidClientAssertion', `Client assertion audience claim does not match Realm issuer. Expected '${ctx.tokenEndpoint}'.`);
  }
  return 'certificate';
}

function sameSecret(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

function findCertificate(client: ClientRegistration, header: Record<string, unknown>): X509Certificate | undefined {
  for (const pem of client.certificates ?? []) {
    const cert = new X509Certificate(pem);
    const sha1 = createHash('sha1').update(cert.raw).digest('base64url');
    const sha256 = createHash('sha256').update(cert.raw).digest('base64url');
    if (header.x5t === sha1 || header['x5t#S256'] === sha256) return cert;
  }
  return undefined;
}
