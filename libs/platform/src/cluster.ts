import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, register } from 'prom-client';

/** The most worker processes `WEB_CONCURRENCY` may ask for. */
export const MAX_WEB_CONCURRENCY = 64;

/**
 * How many processes serve the service (`WEB_CONCURRENCY`, default 1: the service is its own single process). A
 * service is stateless (docs/ARCHITECTURE.md), so N workers on one port are N replicas: each with its own pool, outbox
 * relay (one of them publishes at a time, under the relay's advisory lock) and Kafka consumer in the service's group,
 * migrations run under their advisory lock. Throws on anything but an integer from 1 to MAX_WEB_CONCURRENCY.
 */
export function webConcurrency(value: string | undefined = process.env.WEB_CONCURRENCY): number {
  if (value === undefined || value.trim() === '') return 1;
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WEB_CONCURRENCY) {
    throw new Error(`WEB_CONCURRENCY must be an integer from 1 to ${MAX_WEB_CONCURRENCY}, not "${value}"`);
  }
  return workers;
}

/** True in the primary of a multi-process service (it forks the workers and serves nothing itself). */
export function isClusterPrimary(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}

const SHUTDOWN = { settle: 'shutdown' } as const;
/** A worker asks the primary for every worker's metrics, summed (prom-client's aggregation), and gets them back. */
const METRICS = 'metrics';
const METRICS_REPLY = 'metrics-reply';
interface ClusterMessage {
  settle?: string;
  id?: string;
  text?: string;
  error?: string;
}
let followingPrimary = false;
const pendingMetrics = new Map<string, (reply: ClusterMessage) => void>();

/**
 * The service's Prometheus metrics: this process's, or in a worker of `runClusterPrimary` every worker's, aggregated
 * by the primary (counters and histograms summed), so `/metrics` on any worker describes the whole service.
 */
export function serviceMetrics(): Promise<string> {
  if (!followingPrimary) return register.metrics();
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pendingMetrics.delete(id);
      reject(new Error('the cluster primary did not answer with the metrics'));
    }, 10_000);
    pendingMetrics.set(id, (reply) => {
      clearTimeout(timer);
      pendingMetrics.delete(id);
      if (reply.error !== undefined) reject(new Error(reply.error));
      else resolve(reply.text ?? '');
    });
    process.send?.({ settle: METRICS, id });
  });
}

/**
 * In a worker: the primary's shutdown request becomes a SIGTERM to this process, which the app's shutdown hooks
 * handle (HTTP closed, relay and consumer stopped) unless a signal already started that, e.g. a terminal's Ctrl-C that
 * reached the whole process group: a second signal would find the hooks gone and end the process on the spot.
 */
export function followClusterPrimary(): void {
  if (!cluster.isWorker) return;
  followingPrimary = true;
  new AggregatorRegistry(); // answers the primary's requests for this worker's metrics
  let shuttingDown = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      shuttingDown = true;
      // Before the app installed its hooks, the signal does what it would have done without this listener.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
  process.on('message', (message: ClusterMessage | null) => {
    if (message?.settle === METRICS_REPLY && message.id) pendingMetrics.get(message.id)?.(message);
    if (message?.settle === SHUTDOWN.settle && !shuttingDown) process.kill(process.pid, 'SIGTERM');
  });
}

/** A worker that crashed after it listened is replaced, at most this many times per minute (then the service exits). */
const RESTARTS_PER_MINUTE = 5;

/**
 * The primary of a service run as `workers` processes sharing its port (node:cluster; connections are handed to the
 * workers in turn). A worker that fails before it listens stops the service with its exit code (a configuration or
 * infrastructure error, as a single process would); one that crashes later is replaced. On SIGTERM or SIGINT every
 * worker is told to shut down (`followClusterPrimary`), gracefully; the primary exits once they all have, with 0 or the
 * failed worker's code. A primary killed outright takes its workers with it (a worker exits when its channel to the
 * primary closes).
 */
export function runClusterPrimary(
  name: string,
  workers: number,
  log: (message: string) => void = (message) => console.log(JSON.stringify({ level: 30, service: name, msg: message })),
): Promise<number> {
  return new Promise((resolve) => {
    const listening = new WeakSet<Worker>();
    const restarts: number[] = [];
    let stopping = false;
    let exitCode = 0;

    const stop = (code: number) => {
      if (!stopping) {
        stopping = true;
        exitCode = code;
        for (const worker of Object.values(cluster.workers ?? {})) {
          if (worker?.isConnected()) worker.send(SHUTDOWN);
          else worker?.process.kill('SIGTERM');
        }
      }
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(exitCode);
    };
    const fork = () => {
      const worker = cluster.fork();
      worker.once('listening', () => listening.add(worker));
    };

    const aggregator = new AggregatorRegistry();
    cluster.on('message', (worker, message: ClusterMessage | null) => {
      if (message?.settle !== METRICS) return;
      const reply = (answer: Omit<ClusterMessage, 'settle' | 'id'>) => {
        if (worker.isConnected()) worker.send({ settle: METRICS_REPLY, id: message.id, ...answer });
      };
      aggregator.clusterMetrics().then(
        (text) => reply({ text }),
        (error: Error) => reply({ error: error.message }),
      );
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return stop(exitCode);
      const failure = code || 1;
      if (!listening.has(worker)) {
        log(`${name}: worker ${worker.process.pid} exited (${signal ?? code}) before listening; stopping`);
        return stop(failure);
      }
      const now = Date.now();
      restarts.push(now);
      while ((restarts[0] ?? now) < now - 60_000) restarts.shift();
      if (restarts.length > RESTARTS_PER_MINUTE) {
        log(`${name}: workers crashed ${restarts.length} times within a minute; stopping`);
        return stop(failure);
      }
      log(`${name}: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      fork();
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(0));

    log(`${name}: starting ${workers} worker processes (WEB_CONCURRENCY)`);
    for (let i = 0; i < workers; i += 1) fork();
  });
}
