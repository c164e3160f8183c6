// The error cards of the sign-in path: each says who can fix it — the analyst (sign in), an Entra
// admin (consent, app registration), or nobody (Entra is down: retry). Texts avoid AADSTS jargon
// except as a reference the admin can search for.
import { md, plain } from '../escape';
import { microsoftReference, withReference, type ErrorText, type ErrorTextOf } from './error-parts';

type SignInKind =
  | 'signInRequired'
  | 'consentRequired'
  | 'signInMisconfigured'
  | 'identityUnavailable'
  | 'signInFailed'
  | 'signInInPersonalChat';

/** `signin/failure` codes Teams documents, with who fixes them. Anything else: contact the admin. */
function failureText(code: string): Pick<ErrorText, 'title' | 'what' | 'todo'> {
  switch (code.toLowerCase()) {
    case 'installedappnotfound':
      return {
        title: 'Teams couldn’t sign you in: the app isn’t installed for you',
        what: 'Teams could not find this bot’s app in your installed apps, so it could not sign you in to it.',
        todo: 'Reinstall the app (Teams → Apps → search for the bot → Add), then repeat your command.',
      };
    case 'resourcematchfailed':
      return {
        title: 'Teams couldn’t sign you in: the app’s sign-in setup is wrong',
        what: 'The Teams app’s single sign-on resource (webApplicationInfo) does not match the Application ID URI of the bot’s Entra app registration.',
        todo: 'Tell the bot’s admins: the Teams manifest’s webApplicationInfo.resource and the Entra app’s Application ID URI must both be api://botid-<bot id>; then the app package must be uploaded again.',
      };
    default:
      return {
        title: 'Teams couldn’t sign you in',
        what:
          plain(code, 80) === ''
            ? 'Teams reported that signing you in to the bot failed.'
            : `Teams reported that signing you in to the bot failed (“${md(code, 80)}”).`,
        todo: 'Try again. If it keeps failing, contact the bot’s admins and quote the code below.',
      };
  }
}

export const SIGN_IN_TEXTS: ErrorTextOf<SignInKind> = {
  signInRequired: (e) => ({
    title: e.code === 'assertionExpired' ? 'Your sign-in has expired' : 'Please sign in',
    summary: e.code === 'assertionExpired' ? 'Your sign-in has expired: please sign in again' : 'Please sign in to use the Defender bot',
    color: 'default',
    what:
      plain(e.reason, 300) === ''
        ? 'I need you to sign in before I can ask Defender on your behalf.'
        : `I need you to sign in before I can ask Defender on your behalf: ${md(e.reason, 300)}`,
    todo: 'Use the sign-in prompt: I run your command as soon as you have signed in. If no prompt appears, sign in from a 1:1 chat with me, then repeat your command.',
  }),
  consentRequired: (e) => ({
    title: 'An administrator must approve the bot for Defender',
    summary: 'An administrator must approve the bot for Defender',
    color: 'attention',
    what:
      plain(e.reason, 500) === ''
        ? 'Nobody has granted the bot the Defender permissions it needs to ask Defender on your behalf.'
        : `I can’t ask Defender on your behalf yet: ${md(e.reason, 500)}`,
    todo: 'Ask an Entra administrator who can grant tenant-wide consent (for example a Global Administrator or Cloud Application Administrator) to open Entra admin center → Enterprise applications → this bot → Permissions, and **Grant admin consent** for its Defender (WindowsDefenderATP) delegated permissions. Then repeat your command.',
    ...withReference(microsoftReference(e.correlationId)),
  }),
  signInMisconfigured: (e) => ({
    title: 'The bot’s sign-in is set up wrong',
    summary: 'The bot’s sign-in is set up wrong: tell its admins',
    color: 'attention',
    what: `Microsoft sign-in refused to give me a Defender token for you${e.aadstsCode === undefined ? '' : ` (AADSTS${e.aadstsCode})`}${plain(e.reason, 300) === '' ? '.' : `: ${md(e.reason, 300)}`}`,
    todo: 'Nothing on your side can fix this: tell the bot’s admins (it needs a fix in the bot’s Entra app registration or configuration) and quote the reference below.',
    ...withReference(
      microsoftReference(e.correlationId) ?? (e.aadstsCode === undefined ? undefined : `Entra error: AADSTS${e.aadstsCode}`),
    ),
  }),
  identityUnavailable: (e) => ({
    title: 'Microsoft sign-in isn’t answering',
    summary: 'Microsoft sign-in isn’t answering: try again in a minute',
    color: 'attention',
    what: 'Microsoft Entra ID did not answer when I asked it for a Defender token on your behalf. This is usually temporary.',
    todo: 'Try again in a minute. If it keeps failing, check Microsoft 365 service health or tell the bot’s admins.',
    ...withReference(microsoftReference(e.correlationId)),
  }),
  signInFailed: (e) => {
    const t = failureText(e.code);
    return {
      ...t,
      summary: t.title,
      color: 'attention',
      ...(plain(e.code, 80) === '' ? {} : { reference: `Sign-in failure code: ${md(e.code, 80)}` }),
    };
  },
  signInInPersonalChat: (e) => ({
    title: 'Please sign in from a 1:1 chat with me',
    summary: 'Please sign in from a 1:1 chat with me',
    color: 'default',
    what: 'I ask Defender as you, so I need your sign-in, and Teams can’t sign you in inside a channel.',
    todo: 'Open a 1:1 chat with me and run your command there once: Teams signs you in automatically. Then come back and repeat your command here.',
    links: [{ title: 'Open a chat with me', url: e.chatUrl }],
  }),
};
