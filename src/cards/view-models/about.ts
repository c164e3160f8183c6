// `about` / `version`, the thanks for `feedback`, and the welcome card a new install gets: short
// notices in the bot's own words (no data from Defender or the user reaches them).
import type { AboutInfo } from '../../handlers/outcome';
import { md } from '../escape';
import { tryExample, type SubmitVm, type View } from './common';
import type { NoticeVm } from './signed-out';

const ACCESS_PRODUCTION =
  'Every lookup runs **as you**: Teams signs you in, and Defender answers with what your own Defender role and device groups allow, nothing more.';
const ACCESS_DEMO = 'This is the demo: a simulated Defender tenant, and everyone acts as the same simulated analyst. Nobody signs in.';

export function aboutView(about: AboutInfo): View<NoticeVm> {
  const line = `Version ${md(about.version, 40)} · ${about.mode === 'demo' ? 'demo' : 'production'} · Defender cloud ${md(about.cloud, 20)}`;
  const text = [
    line,
    about.mode === 'demo' ? ACCESS_DEMO : ACCESS_PRODUCTION,
    'Something wrong? Type **feedback** and what happened.',
  ].join('\n\n');
  const title = 'About MDE ChatOps';
  return {
    vm: { title, text },
    summary: `MDE ChatOps ${about.version} (${about.mode}, ${about.cloud})`,
    fallbackText: `${title}\nVersion ${about.version}, ${about.mode}, Defender cloud ${about.cloud}`,
  };
}

export function feedbackNotedView(): View<NoticeVm> {
  const vm: NoticeVm = {
    title: 'Thanks — noted',
    text: 'I’ve written your feedback to the log the people who run this bot read. If it is urgent, tell them directly too.',
  };
  return { vm, summary: vm.title, fallbackText: `${vm.title}\n${vm.text}` };
}

export interface WelcomeVm {
  title: string;
  text: string;
  tryIt: SubmitVm[];
}

/** Three lookups to tap on a first visit (short enough for a phone-width button); the full list is one `help` away. */
export const WELCOME_EXAMPLES = ['machines for user1', 'who logged onto mymachine1', 'mymachine1.contoso.com'] as const;

export function welcomeView(demo: boolean): View<WelcomeVm> {
  const title = 'Hi, I’m MDE ChatOps';
  const text = [
    'What I can do: look up devices and logons in Microsoft Defender for Endpoint, right here in Teams.',
    demo ? ACCESS_DEMO : ACCESS_PRODUCTION,
    'Tap one to try it, or type **help** for everything I understand.',
  ].join('\n\n');
  return {
    vm: { title, text, tryIt: WELCOME_EXAMPLES.map((e) => tryExample(e, e)) },
    summary: 'Hi, I’m MDE ChatOps: Defender lookups in Teams',
    fallbackText: `${title}\nTry: ${WELCOME_EXAMPLES.join('; ')}. Type help for everything I understand.`,
  };
}
