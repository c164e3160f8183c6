// Shared identities for the identity tests: the bot's app registration, two analysts and a user
// with no Defender role, and a local IdP set up the way a correctly configured tenant would be.
import { CLOUDS } from '../../../src/config/clouds';
import {
  startIdentityProvider,
  type ConsentGrant,
  type IdentityProvider,
  type IdentityProviderOptions,
  type IdpUser,
} from '../identity-provider';
import { ANALYST_EMEA, ANALYST_US, type PersonaId } from '../../../src/simulator';

export const BOT_APP_ID = '0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b';
export const BOT_SECRET = 'local-idp-test-secret~0123456789';
export const DEFENDER_AUDIENCE = CLOUDS.Commercial.audience;
/** The object id of the bot's (simulated) managed identity, trusted by a federated credential. */
export const MANAGED_IDENTITY_OID = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

export const ANALYST_A: IdpUser = { oid: 'a1a1a1a1-0000-4000-8000-00000000000a', upn: 'elena.brandt@contoso.com', name: 'Elena Brandt' };
export const ANALYST_B: IdpUser = { oid: 'b2b2b2b2-0000-4000-8000-00000000000b', upn: 'marcus.reed@contoso.com', name: 'Marcus Reed' };
export const ANALYST_C: IdpUser = { oid: 'c3c3c3c3-0000-4000-8000-00000000000c', upn: 'sam.okafor@contoso.com', name: 'Sam Okafor' };

/** Token user (oid) → simulated analyst, for the simulator's jwt-auth. */
export const USER_PERSONAS: Readonly<Record<string, PersonaId>> = {
  [ANALYST_A.oid]: ANALYST_EMEA,
  [ANALYST_B.oid]: ANALYST_US,
  [ANALYST_C.oid]: 'soc-lead',
};

/** Admin consent for the permissions the bot needs. */
export const ADMIN_CONSENT: ConsentGrant = {
  clientId: BOT_APP_ID,
  resource: DEFENDER_AUDIENCE,
  scopes: ['Machine.Read', 'User.Read.All', 'Alert.Read'],
};

export function requesterFor(user: IdpUser): { teamsUserId: string; aadObjectId: string } {
  return { teamsUserId: `29:teams-${user.oid.slice(0, 8)}`, aadObjectId: user.oid };
}

/** A local IdP with the bot registered (secret + managed identity) and admin consent granted. */
export async function startTestIdp(overrides: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  return startIdentityProvider({
    clients: [{ clientId: BOT_APP_ID, secrets: [BOT_SECRET], federatedSubjects: [MANAGED_IDENTITY_OID] }],
    grants: [ADMIN_CONSENT],
    ...overrides,
  });
}
