// The Bot Framework adapter. With no app id (demo) botbuilder skips inbound JWT checks and sends
// replies unauthenticated: acceptable only for loopback demos, which config guarantees.
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../config';

export function createAdapter(config: Config): TeamsAdapter {
  const auth: ConfigurationBotFrameworkAuthenticationOptions =
    config.mode === 'production'
      ? {
          MicrosoftAppId: config.bot.id,
          MicrosoftAppPassword: config.bot.password,
          MicrosoftAppType: config.bot.type,
          MicrosoftAppTenantId: config.bot.tenantId,
        }
      : {};
  return new TeamsAdapter(auth);
}
