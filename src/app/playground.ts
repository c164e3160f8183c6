// Starts Microsoft 365 Agents Playground (a local Teams-like client) pointed at the bot, for the demo.
// The Playground is a devDependency: main.ts imports this file only in demo mode with PLAYGROUND on.
import { spawn, type ChildProcess } from 'node:child_process';

export function startPlayground(botUrl: string, port: number): ChildProcess {
  let cli: string;
  try {
    cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  } catch {
    throw new Error('Agents Playground is not installed (a devDependency, left out by npm ci --omit=dev): run npm ci, or set PLAYGROUND=0');
  }
  const child = spawn(
    process.execPath,
    [cli, '--app-endpoint', `${botUrl}/api/messages`, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'],
    {
      // Browser off: the banner prints the address; the playground would otherwise try to open one.
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BOT_ENDPOINT: `${botUrl}/api/messages` },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return child;
}
