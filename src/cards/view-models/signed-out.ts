// The answer to `sign out`. With single sign-on Teams signs the analyst in again by itself at the
// next lookup, so the card says what was forgotten rather than promising a sign-in page.
import type { View } from './common';

export interface NoticeVm {
  title: string;
  /** Markdown, already final. */
  text: string;
}

export function signedOutView(hadSignIn: boolean): View<NoticeVm> {
  const vm: NoticeVm = hadSignIn
    ? {
        title: 'You’re signed out',
        text: 'I’ve forgotten your sign-in and the Defender access I had on your behalf. Your next lookup signs you in again (in a chat, Teams does that with your Teams account without asking).',
      }
    : { title: 'There’s nothing to sign out of', text: 'This is the demo: nobody signs in, everyone acts as the simulated analyst.' };
  return { vm, summary: vm.title, fallbackText: `${vm.title}\n${vm.text}` };
}
