// A simulated Defender tenant that authenticates with jwt-auth against a local IdP's keys.
import { startSimulator, type SimulatorHandle } from '../../../src/simulator';
import { createJwtAuthenticator, type JwtAuthOptions } from '../../../src/simulator/jwt-auth';
import type { IdentityProvider } from '../identity-provider';
import { USER_PERSONAS } from './fixtures';

export async function startJwtSimulator(idp: IdentityProvider, extra: Partial<JwtAuthOptions> = {}): Promise<SimulatorHandle> {
  return startSimulator({ authenticate: createJwtAuthenticator({ jwks: () => idp.jwks(), users: USER_PERSONAS, ...extra }) });
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export async function callApi(sim: SimulatorHandle, path: string, token: string | undefined): Promise<ApiAnswer> {
  const res = await fetch(`${sim.url}${path}`, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The device-group names in a `/api/machines` answer. */
export function groupNames(body: unknown): string[] {
  const value: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'value') : undefined;
  if (!Array.isArray(value)) return [];
  const names = value
    .map((m: unknown) => (typeof m === 'object' && m !== null ? Reflect.get(m, 'rbacGroupName') : undefined))
    .filter((n): n is string => typeof n === 'string');
  return [...new Set(names)].sort();
}

export function errorCode(body: unknown): string | undefined {
  const error: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'error') : undefined;
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : undefined;
}
