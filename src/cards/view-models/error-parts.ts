// Pieces shared by the error-card tables (./error.ts and ./sign-in-errors.ts): what each kind
// supplies, and the reference line for Microsoft support.
import type { ErrorOutcome } from '../../handlers/outcome';
import { md, plain } from '../escape';
import type { OpenUrlVm, SubmitVm } from './common';

/** The parts each kind supplies. `title`/`what`/`todo` are markdown (data escaped); `summary` is plain. */
export interface ErrorText {
  title: string;
  summary: string;
  color: 'attention' | 'default';
  what: string;
  todo: string;
  /** "Reference for Microsoft support: …" or our own log reference. */
  reference?: string;
  buttons?: SubmitVm[];
  /** Action.OpenUrl buttons, e.g. "Open a chat with me". */
  links?: OpenUrlVm[];
}

/** One text function per ErrorOutcome kind in K; a table of this type is total over K. */
export type ErrorTextOf<K extends ErrorOutcome['kind']> = { [P in K]: (e: Extract<ErrorOutcome, { kind: P }>) => ErrorText };

export function microsoftReference(correlationId: string | undefined): string | undefined {
  return correlationId !== undefined && plain(correlationId) !== ''
    ? `Reference for Microsoft support: ${md(correlationId, 120)}`
    : undefined;
}

export function withReference(reference: string | undefined): { reference?: string } {
  return reference === undefined ? {} : { reference };
}
