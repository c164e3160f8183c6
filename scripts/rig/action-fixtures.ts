// What the response-action tests share: two demo analysts as Teams senders (Elena has the remediation
// role in the simulated tenant, Sam is a second analyst for four-eyes), the seeded machine they act
// on, the simulator's quick action timings and the bot settings that turn actions on with fast polls.
import { facts } from '../../src/simulator';

export const ELENA = { from: { id: '29:elena', name: 'Elena Brandt', aadObjectId: 'a1a1a1a1-0000-4000-8000-00000000000a' } };
export const SAM = { from: { id: '29:sam', name: 'Sam Okafor', aadObjectId: 'c3c3c3c3-0000-4000-8000-00000000000c' } };
export const ACTION_MACHINE = facts.SEED_MACHINE_IDS.mymachine1;
/** Simulated actions go InProgress after 0.3 s and finish after 0.9 s. */
export const FAST_ACTIONS = { actionTimings: { inProgressAfterMs: 300, doneAfterMs: 900 } };
export const ACTIONS_ON = { RESPONSE_ACTIONS: 'all', RESPONSE_ACTION_POLL_MS: '150' };
