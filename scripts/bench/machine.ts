// What the numbers were measured on: they only compare within one machine and one run.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  /** Cores this process may use (nproc). */
  nproc: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1/5/15-minute load averages when the run started: anything else busy on the machine shows here. */
  loadAverageAtStart: number[];
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpuinfoModel() ?? os.cpus()[0]?.model ?? 'unknown',
    nproc: os.availableParallelism(),
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function cpuinfoModel(): string | undefined {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim();
  } catch {
    return undefined;
  }
}
