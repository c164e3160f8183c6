// Human labels for the Defender API's enum strings, and how much attention each deserves. Plain text
// in, plain text out (escape at the call site). A value we have never seen still gets a readable
// label ("SomeNewState" → "Some new state"): the API drifts.
import { BoundedMap } from '../shared/bounded-map';
import { oneLine } from './escape';

/** How a value is coloured on a card (Adaptive Cards 1.2 TextBlock colours, named by what they mean). */
export type Severity = 'attention' | 'warning' | 'good' | 'default';

/** Known spellings whose split form would read wrongly. Keys are lowercase. */
const KNOWN: Record<string, string> = {
  nosensordataimpairedcommunication: 'No sensor data, impaired communication',
  canbeonboarded: 'Can be onboarded',
  insufficientinfo: 'Insufficient info',
  notupdated: 'Not updated',
  notreporting: 'Not reporting',
  notsupported: 'Not supported',
  remoteinteractive: 'Remote interactive',
  cachedinteractive: 'Cached interactive',
  cachedremoteinteractive: 'Cached remote interactive',
  networkcleartext: 'Network cleartext',
  newcredentials: 'New credentials',
  wireless80211: 'Wi-Fi',
  softwareloopback: 'Loopback',
  mde: 'Defender for Endpoint',
  microsoftdefenderforendpoint: 'Defender for Endpoint',
  sccm: 'Configuration Manager',
  configurationmanager: 'Configuration Manager',
  macos: 'macOS',
  ios: 'iOS',
};

/**
 * Labels already made, per function: every row of every card labels the same few enum values (risk,
 * health, OS), and splitting them takes several regular expressions. Bounded, since the API may send
 * values we have never seen: the least recently used goes first.
 */
function remembered(label: (value: string) => string): (value: string) => string {
  const made = new BoundedMap<string, string>({ max: 256 });
  return (value) => {
    let text = made.get(value);
    if (text === undefined) {
      text = label(value);
      made.set(value, text);
    }
    return text;
  };
}

/** Operating systems keep their capitals: "WindowsServer2022" → "Windows Server 2022", "Windows11" → "Windows 11". */
export const osLabel = remembered((value: string): string => {
  const text = oneLine(value);
  const known = KNOWN[text.toLowerCase()];
  if (known !== undefined) return known;
  return splitWords(text).join(' ');
});

/** An enum value as words, first word capitalised: "ImpairedCommunication" → "Impaired communication". */
export const enumLabel = remembered((value: string): string => {
  const text = oneLine(value);
  const known = KNOWN[text.replace(/[\s_-]+/g, '').toLowerCase()];
  if (known !== undefined) return known;
  // Text that already has spaces is someone's words (or drift we cannot improve on): keep it.
  if (/\s/.test(text)) return text;
  const words = splitWords(text.replace(/_/g, ' '));
  return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : /^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase())).join(' ');
});

/**
 * "ImpairedCommunication" → ["Impaired", "Communication"]; "Windows11" → ["Windows", "11"];
 * acronyms stay whole ("AVMode" → ["AV", "Mode"]).
 */
function splitWords(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .split(/\s+/)
    .filter((w) => w !== '');
}

const norm = (value: string | undefined): string => (value ?? '').replace(/[\s_-]+/g, '').toLowerCase();

/** riskScore and exposureLevel: High needs attention, Medium a warning. */
export function levelSeverity(value: string | undefined): Severity {
  const v = norm(value);
  if (v === 'high') return 'attention';
  if (v === 'medium') return 'warning';
  return v === 'none' || v === 'low' || v === 'informational' ? 'good' : 'default';
}

/** healthStatus: a sensor that is not Active is a warning (Inactive: not reporting; the others: reporting badly). */
export function healthSeverity(value: string | undefined): Severity {
  const v = norm(value);
  if (v === '') return 'default';
  return v === 'active' ? 'good' : 'warning';
}

/** defenderAvStatus: antivirus off needs attention; out of date or silent, a warning. */
export function antivirusSeverity(value: string | undefined): Severity {
  const v = norm(value);
  if (v === '' || v === 'unknown' || v === 'notsupported') return 'default';
  if (v === 'updated') return 'good';
  return v === 'disabled' ? 'attention' : 'warning';
}

const RANK: Record<Severity, number> = { attention: 3, warning: 2, default: 1, good: 0 };

/** The more serious of the given severities. */
export function worst(...severities: Severity[]): Severity {
  return severities.reduce<Severity>((a, b) => (RANK[b] > RANK[a] ? b : a), 'good');
}
