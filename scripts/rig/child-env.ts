// What a rig's child process must not inherit from the developer's or CI's shell: a proxy would send
// its loopback traffic elsewhere, AZURE_AUTHORITY_HOST would point @azure/identity away from the local
// identity provider, and NODE_OPTIONS could load anything into it.
export const INHERITED_KEYS_TO_DROP = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'ALL_PROXY',
  'all_proxy',
  'AZURE_AUTHORITY_HOST',
  'NODE_OPTIONS',
] as const;
