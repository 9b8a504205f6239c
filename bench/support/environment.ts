import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** Where and on what the numbers were measured — ratios only mean something within one run on one machine. */
export interface BenchEnvironment {
  date: string;
  cores: number;
  cpu: string;
  memoryGb: number;
  loadAverage: number[];
  node: string;
  redis: string;
  commit: string;
  command: string;
}

export function describeEnvironment(root: string, redisVersion: string, command: string): BenchEnvironment {
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
    node: process.version,
    redis: redisVersion,
    commit: gitCommit(root),
    command,
  };
}

/** The commit, and `+dirty` when the working tree differs from it (read-only git commands). */
function gitCommit(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}
