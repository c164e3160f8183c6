// A throw-away certificate authority and a server certificate for 127.0.0.1/localhost, made at
// start. @azure/identity refuses an http authority, so the local IdP must speak HTTPS; callers trust
// it by writing `caPem` to a file and starting Node with NODE_EXTRA_CA_CERTS pointing at it.
import { generate } from 'selfsigned';

export interface TlsMaterial {
  /** The CA certificate (PEM) to trust. */
  caPem: string;
  /** The server's private key and certificate (PEM), signed by the CA. */
  keyPem: string;
  certPem: string;
}

/** `name` tells CAs apart: two trusted CAs with one subject make OpenSSL check against the wrong one. */
export async function createTlsMaterial(name = 'mde-chatops local identity provider'): Promise<TlsMaterial> {
  const ca = await generate([{ name: 'commonName', value: `${name} CA` }], {
    algorithm: 'sha256',
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    algorithm: 'sha256',
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { caPem: ca.cert, keyPem: server.private, certPem: server.cert };
}
