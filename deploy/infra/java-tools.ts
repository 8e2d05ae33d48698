/**
 * What the local Kafka (./kafka.ts) and the local object store (./s3proxy.ts) share: both are Java programs whose
 * jars Maven resolves once from a pom under deploy/ into the git-ignored `.cache/`, run on the machine's Java.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The version a pom pins in its `<property>` element (`kafka.version`, `s3proxy.version`). */
export function pinnedVersion(pom: string, property: string): string {
  const match = new RegExp(`<${property.replace(/\./g, '\\.')}>([^<]+)</${property.replace(/\./g, '\\.')}>`).exec(
    fs.readFileSync(pom, 'utf8'),
  );
  return match?.[1]?.trim() ?? 'unknown';
}

/** The name of the marker file that says a folder holds what this pom resolves (`.resolved-<hash of the pom>`). */
export function resolvedMarker(pom: string): string {
  return `.resolved-${createHash('sha256').update(fs.readFileSync(pom)).digest('hex').slice(0, 16)}`;
}

/** `resolve`, run once per process: later calls share its promise; a failure lets the next call try again. */
export function once<T>(resolve: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= resolve().catch((err: unknown) => {
      pending = undefined;
      throw err;
    }));
}

/** Runs a Maven goal of `pom` (`dependency:copy`, `dependency:copy-dependencies`) into `outputDirectory`. */
export async function mavenCopy(
  what: string,
  pom: string,
  goal: string,
  outputDirectory: string,
  extraArgs: string[] = [],
): Promise<void> {
  const mvn = process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
  const args = ['-q', '-B', '-f', pom, goal, `-DoutputDirectory=${outputDirectory}`, ...extraArgs];
  const result = await runCommand(mvn, args, REPO_ROOT);
  if (result.code !== 0) {
    throw new Error(`Maven could not resolve ${what} (exit ${String(result.code)}):\n${result.output.slice(-4000)}`);
  }
}

export function runCommand(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new Error(
              `'${command}' is not installed or not on PATH; it is needed to start a local Kafka and object store ` +
                '(or set KAFKA_BROKERS and EVIDENCE_S3_ENDPOINT)',
            )
          : err,
      );
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

export function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  const exe = process.platform === 'win32' ? 'java.exe' : 'java';
  if (home && fs.existsSync(path.join(home, 'bin', exe))) return path.join(home, 'bin', exe);
  return exe;
}

/** The last lines of a log file, for an error message. */
export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log file)';
  }
}
