// What the numbers were measured on: they mean little without it.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export function describeMachine() {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) cpuModel = match[1].trim();
  } catch {
    // Not Linux: os.cpus() has it.
  }
  return {
    cores: os.cpus().length,
    cpuModel,
    totalMemoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    openssl: process.versions.openssl,
    v8: process.versions.v8,
  };
}
