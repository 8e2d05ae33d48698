import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 130 : 1));
    });
  });
}

/** Sends SIGTERM, then SIGKILL if the child has not exited after `graceMs`. */
export function terminate(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface Backoff {
  /** The first restart's delay; each restart in a row doubles it. Default 1 s. */
  initialMs: number;
  /** Default 30 s. */
  maxMs: number;
  /** A child that ran this long was stable: the next restart starts from `initialMs` again. Default 60 s. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

export interface Supervised {
  readonly name: string;
  /** The child running now (undefined while a restart is pending). */
  readonly child: ChildProcess | undefined;
  /** Restarts so far. */
  readonly restarts: number;
  /** Stops the child and every pending restart; nothing is started again. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Runs `command` and starts it again whenever it exits, after a back-off that doubles from `initialMs` up to `maxMs`
 * and starts over once a child ran `stableMs`; each exit and restart is one log line. stop() ends it for good.
 */
export function supervise(options: {
  name: string;
  command: string;
  args: string[];
  spawnOptions?: SpawnOptions;
  backoff?: Partial<Backoff>;
  log?: (line: string) => void;
  /** Called with every child started (the first and each restart). */
  onStart?: (child: ChildProcess) => void;
}): Supervised {
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const log = options.log ?? ((line: string) => console.error(line));
  let child: ChildProcess | undefined;
  let restarts = 0;
  let delay = backoff.initialMs;
  let timer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;

  const start = (): void => {
    timer = undefined;
    const startedAt = Date.now();
    const current = spawn(options.command, options.args, options.spawnOptions ?? {});
    child = current;
    options.onStart?.(current);
    current.once('exit', (code, signal) => {
      if (child === current) child = undefined;
      if (stopping) return;
      const ranMs = Date.now() - startedAt;
      if (ranMs >= backoff.stableMs) delay = backoff.initialMs;
      const how = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      restarts += 1;
      log(
        `settle: ${options.name} ${how} after ${(ranMs / 1000).toFixed(1)} s; ` +
          `restarting it in ${(delay / 1000).toFixed(1)} s (restart ${restarts})`,
      );
      timer = setTimeout(start, delay);
      delay = Math.min(backoff.maxMs, delay * 2);
    });
  };
  start();

  return {
    name: options.name,
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    stop: () =>
      (stopping ??= (async () => {
        clearTimeout(timer);
        timer = undefined;
        if (child) await terminate(child);
      })()),
  };
}
