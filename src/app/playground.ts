// Starts Microsoft 365 Agents Playground (a local Teams-like client) pointed at the bot, for the demo.
import { spawn, type ChildProcess } from 'node:child_process';

export function startPlayground(botUrl: string, port: number): ChildProcess {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(process.execPath, [cli, '--app-endpoint', `${botUrl}/api/messages`, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'], {
    // Browser off: the banner prints the address; the playground would otherwise try to open one.
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BOT_ENDPOINT: `${botUrl}/api/messages` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}
