/** The machine a bench ran on, so anyone can tell what the numbers mean. */
import { cpus, loadavg, release, totalmem, type, arch } from 'node:os';

export function machineLines(chromiumVersion: string | null): string[] {
  const cores = cpus();
  const gib = (totalmem() / 2 ** 30).toFixed(1);
  return [
    `CPU: ${cores[0]?.model.trim() ?? 'unknown'}, ${cores.length} cores, ${gib} GiB RAM (load average ${loadavg()[0]!.toFixed(2)} at the start)`,
    `software: ${type()} ${release()} ${arch()}, Node ${process.version}, Chromium ${chromiumVersion ?? 'not started'}`,
  ];
}
