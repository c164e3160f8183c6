// The discovery documents: Entra's v2.0 OpenID configuration for the tenant, and Bot Framework's
// OpenID configuration (issuer https://api.botframework.com) that botbuilder fetches to validate
// the tokens the channel sends the bot.
import { BOT_FRAMEWORK_ISSUER } from './options';

export function tenantOpenIdConfiguration(baseUrl: string, tenantId: string): Record<string, unknown> {
  const t = `${baseUrl}/${tenantId}`;
  return {
    token_endpoint: `${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
    jwks_uri: `${t}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${t}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
    authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${t}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'oid'],
    tenant_region_scope: null,
    cloud_instance_name: 'microsoftonline.com',
  };
}

export function botFrameworkOpenIdConfiguration(baseUrl: string): Record<string, unknown> {
  return {
    issuer: BOT_FRAMEWORK_ISSUER,
    authorization_endpoint: `${baseUrl}/v1/.well-known/authorize`,
    jwks_uri: `${baseUrl}/v1/.well-known/keys`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  };
}
