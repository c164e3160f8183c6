// How responders ask for a response action, and messages that mention one without asking for it.
// Expected: "<action> <machine>[ <option>][: <reason>]"; a negative must never become a response action.
import type { Phrasing } from './positives';

const ID = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';

export const ACTION_POSITIVES: readonly Phrasing[] = [
  ['isolate pc1 suspected ransomware INC-1234', 'isolate pc1: suspected ransomware INC-1234'],
  ['Isolate PC1.contoso.com because beaconing to C2', 'isolate pc1.contoso.com: beaconing to C2'],
  ['isolate pc1', 'isolate pc1'],
  ['can you isolate pc1', 'isolate pc1'],
  ['please isolate machine web now', 'isolate web: now'],
  ['isolate pc1 selective keep Teams up for the user', 'isolate pc1 selective: keep Teams up for the user'],
  ['selectively isolate pc1 INC-9', 'isolate pc1 selective: INC-9'],
  ['isolate pc1 full reason: lateral movement', 'isolate pc1 full: lateral movement'],
  [`isolate ${ID} INC-1`, `isolate ${ID}: INC-1`],
  ['isolate 10.0.0.5 INC-1', 'isolate 10.0.0.5: INC-1'],
  ['release pc1 cleaned, INC-1234', 'release pc1: cleaned, INC-1234'],
  ['release from isolation pc1 reimaged', 'release pc1: reimaged'],
  ['unisolate pc1 false positive', 'release pc1: false positive'],
  ['scan pc1 quick after phishing click', 'scan pc1 quick: after phishing click'],
  ['scan pc1 full', 'scan pc1 full'],
  ['quick scan pc1 INC-7', 'scan pc1 quick: INC-7'],
  ['full scan pc1.contoso.com INC-7', 'scan pc1.contoso.com full: INC-7'],
  ['run an antivirus scan on pc1 INC-7', 'scan pc1: INC-7'],
  ['av scan pc1', 'scan pc1'],
  ['collect investigation package pc1 INC-1234', 'collect pc1: INC-1234'],
  ['collect an investigation package from pc1 for legal hold', 'collect pc1: legal hold'],
  ['restrict apps pc1 INC-1234', 'restrict pc1: INC-1234'],
  ['restrict app execution on pc1.contoso.com unknown binaries', 'restrict pc1.contoso.com: unknown binaries'],
  ['unrestrict apps pc1 done', 'unrestrict pc1: done'],
  ['remove app restriction from pc1 done', 'unrestrict pc1: done'],
];

/** Talk about actions, not requests for one. None may become a response action (a lookup is fine). */
export const ACTION_NEGATIVES: readonly string[] = [
  'how do I isolate a machine?',
  'should we isolate pc1?',
  'is pc1 isolated?',
  'who isolated pc1',
  'pc1 was isolated yesterday',
  'release notes',
  'release notes for 2.3',
  'scan everything',
  'scan results for pc1',
  'the scan on pc1 finished',
  'isolate user1@contoso.com now',
  'isolate CONTOSO\\jdoe',
  'isolate <at>Jane Doe</at>',
  'restrict apps policy',
  'collect investigation package',
  'quarantine pc1',
  'block 10.0.0.5',
  'confirm response action',
  'cancel response action',
];
