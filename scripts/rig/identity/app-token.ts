// Checks what the real connector and token service check on every call from the bot: a Bearer
// app token from the (local) Entra, for https://api.botframework.com, issued to the bot's app id.
import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { IdentityProvider } from '../identity-provider';

export function appTokenVerifier(idp: IdentityProvider, appId: string): (authorization: string | undefined) => boolean {
  return (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) return false;
    const decoded = jwt.decode(token, { complete: true });
    const jwk = idp.jwks().keys.find((k) => k.kid === decoded?.header.kid);
    if (jwk === undefined) return false;
    try {
      const claims = jwt.verify(token, createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' }), {
        algorithms: ['RS256'],
        audience: 'https://api.botframework.com',
        clockTolerance: 300,
      });
      return typeof claims === 'object' && claims.appid === appId;
    } catch {
      return false;
    }
  };
}
