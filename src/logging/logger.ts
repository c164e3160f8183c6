// One structured logger (JSON lines through pino), with redaction applied to every record.
import pino from 'pino';
import { redact, redactAndClip } from './redact';
import type { LogLevel } from '../config';

export type Logger = pino.Logger;

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'mde-chatops' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (record) => redact(record) as Record<string, unknown>,
      },
      hooks: {
        // The message string bypasses `formatters.log`; scrub it too.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactAndClip(a) : a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
      serializers: { err: (e: unknown) => redact(e) },
    },
    destination,
  );
}
