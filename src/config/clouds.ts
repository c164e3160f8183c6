// Hosts per Microsoft cloud. Commercial and GCC sign in at login.microsoftonline.com, GCC High and DoD at
// login.microsoftonline.us; GCC and GCC High/DoD tokens are for the API host itself, while every commercial
// host (new, geo and legacy) takes the legacy audience https://api.securitycenter.microsoft.com.

export type CloudName = 'Commercial' | 'GCC' | 'GCCHigh' | 'DoD';

export interface CloudSettings {
  /** Default Defender API base when DEFENDER_API_URL is not set. */
  apiBaseUrl: string;
  /** The token audience (resource) the Defender API accepts. */
  audience: string;
  /** Entra login authority host. */
  loginHost: string;
  /** Defender portal, for "Open in Defender" links. */
  portalBaseUrl: string;
}

export const CLOUDS: Readonly<Record<CloudName, CloudSettings>> = {
  Commercial: {
    apiBaseUrl: 'https://api.security.microsoft.com',
    audience: 'https://api.securitycenter.microsoft.com',
    loginHost: 'https://login.microsoftonline.com',
    portalBaseUrl: 'https://security.microsoft.com',
  },
  GCC: {
    apiBaseUrl: 'https://api-gcc.securitycenter.microsoft.us',
    audience: 'https://api-gcc.securitycenter.microsoft.us',
    loginHost: 'https://login.microsoftonline.com',
    portalBaseUrl: 'https://security.microsoft.com',
  },
  GCCHigh: {
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    audience: 'https://api-gov.securitycenter.microsoft.us',
    loginHost: 'https://login.microsoftonline.us',
    portalBaseUrl: 'https://security.microsoft.us',
  },
  DoD: {
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    audience: 'https://api-gov.securitycenter.microsoft.us',
    loginHost: 'https://login.microsoftonline.us',
    portalBaseUrl: 'https://security.apps.mil',
  },
};

const ALIASES: Readonly<Record<string, CloudName>> = {
  commercial: 'Commercial',
  public: 'Commercial',
  gcc: 'GCC',
  gcchigh: 'GCCHigh',
  'gcc-high': 'GCCHigh',
  'gcc high': 'GCCHigh',
  dod: 'DoD',
};

export function parseCloudName(raw: string): CloudName | undefined {
  return ALIASES[raw.trim().toLowerCase()];
}

/** The Defender API hosts each cloud serves (geo and legacy hosts included): where analysts' delegated tokens may go. */
export const DEFENDER_API_HOSTS: Readonly<Record<CloudName, readonly string[]>> = {
  Commercial: [
    'api.security.microsoft.com',
    ...['us', 'eu', 'uk', 'au', 'swa', 'ina', 'aea'].map((geo) => `${geo}.api.security.microsoft.com`),
    'api.securitycenter.microsoft.com',
    ...['us', 'eu', 'uk', 'au'].map((geo) => `api-${geo}.securitycenter.microsoft.com`),
  ],
  GCC: ['api-gcc.securitycenter.microsoft.us'],
  GCCHigh: ['api-gov.securitycenter.microsoft.us'],
  DoD: ['api-gov.securitycenter.microsoft.us'],
};
