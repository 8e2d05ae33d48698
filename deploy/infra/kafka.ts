/**
 * A real single-node Apache Kafka (KRaft mode) for machines without a Docker engine (docs/ARCHITECTURE.md,
 * "Infrastructure: how it starts"). The jars come from the central Maven repository through deploy/kafka/pom.xml and
 * are cached in the git-ignored `.cache/kafka/libs`; the broker runs on the machine's Java with its data in
 * `.cache/kafka/data-<name>`, and it never outlives the process that started it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  javaBinary,
  mavenCopy,
  once,
  pinnedVersion,
  REPO_ROOT,
  resolvedMarker,
  runCommand,
  say,
  sleep,
  tail,
} from './java-tools';

export interface KafkaNode {
  /** Bootstrap address for clients, "127.0.0.1:PORT". */
  brokers: string;
  /** The client and controller ports, to start the same node again on the same address. */
  port: number;
  controllerPort: number;
  /** The broker's Java process id. */
  pid: number;
  /** The KRaft cluster id this node was formatted with; the broker answering on `brokers` reports the same. */
  clusterId: string;
  /** Absolute path of the node's folder: server.properties, broker.log, kafka.pid and the log dirs. */
  dataDir: string;
  /** SIGTERM, wait for the exit (up to 20 s), then SIGKILL. Idempotent. */
  stop(): Promise<void>;
}

export interface StartKafkaOptions {
  /** Client port, required: taken means a clear error. Without it, `preferredPort` if free, else a free port. */
  port?: number;
  /** KRaft controller port, required as `port` is. Without it, `preferredControllerPort` if free, else a free one. */
  controllerPort?: number;
  /** Default 9092. */
  preferredPort?: number;
  /** Default 9093. */
  preferredControllerPort?: number;
  /** Default `.cache/kafka/data-<name>`. */
  dataDir?: string;
  /** Default 'default'. */
  name?: string;
  /** How long to wait for the broker to answer; default 90 s. */
  readyTimeoutMs?: number;
}

export { javaBinary, REPO_ROOT, runCommand } from './java-tools';
const POM = path.join(REPO_ROOT, 'deploy', 'kafka', 'pom.xml');
const LOG4J = path.join(REPO_ROOT, 'deploy', 'kafka', 'log4j.properties');
const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'kafka');
const LIBS_DIR = path.join(CACHE_DIR, 'libs');

const PID_FILE = 'kafka.pid';
const LOG_FILE = 'broker.log';
const PROPS_FILE = 'server.properties';
const LOG_DIRS = 'logs';
const STOP_GRACE_MS = 20_000;

/** The Kafka version pinned in deploy/kafka/pom.xml. */
export function pinnedKafkaVersion(): string {
  return pinnedVersion(POM, 'kafka.version');
}

// ---------------------------------------------------------------------------------------------------------------------
// Jars

/**
 * Copies Kafka's runtime jars into `.cache/kafka/libs` with Maven, unless they are already there for the current
 * pom (a `.resolved-<hash>` marker). Returns the libs folder.
 */
export const ensureKafkaJars = once(resolveJars);

async function resolveJars(): Promise<string> {
  const markerName = resolvedMarker(POM);
  const marker = path.join(LIBS_DIR, markerName);
  if (fs.existsSync(marker)) return LIBS_DIR;

  say(`kafka: resolving Apache Kafka ${pinnedKafkaVersion()} jars with Maven into .cache/kafka/libs (first run only)…`);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const staging = path.join(CACHE_DIR, `libs.staging-${process.pid}-${Date.now()}`);
  try {
    await mavenCopy("Kafka's jars", POM, 'dependency:copy-dependencies', staging, ['-DincludeScope=runtime']);
    const jars = fs.readdirSync(staging).filter((file) => file.endsWith('.jar'));
    if (!jars.some((file) => file.startsWith('kafka_2.13-'))) {
      throw new Error(`Maven finished but ${staging} holds no kafka_2.13 jar`);
    }
    fs.writeFileSync(path.join(staging, markerName), `${new Date().toISOString()}\n`);
    // Swap the fresh folder in; another process may have done the same meanwhile, which is fine.
    if (fs.existsSync(marker)) return LIBS_DIR;
    const retired = `${LIBS_DIR}.old-${process.pid}-${Date.now()}`;
    if (fs.existsSync(LIBS_DIR)) fs.renameSync(LIBS_DIR, retired);
    try {
      fs.renameSync(staging, LIBS_DIR);
    } catch (err) {
      if (!fs.existsSync(marker)) throw err;
    }
    fs.rmSync(retired, { recursive: true, force: true });
    return LIBS_DIR;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Ports

/** Whether this process could listen on `host:port` now; a host the machine has no stack for does not count. */
function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'EAFNOSUPPORT' || err.code === 'EADDRNOTAVAIL'),
    );
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A port is free when nothing answers on it and it can be bound both as IPv4 and as the IPv4-mapped IPv6 address:
 * Java binds `127.0.0.1` through a dual-stack socket (`[::ffff:127.0.0.1]`), so an IPv4-only probe is not enough
 * everywhere. A port that passes can still be taken before the broker binds it (two starts at once): launch()
 * notices that by the cluster id and picks again.
 */
async function canListen(port: number): Promise<boolean> {
  if (await portAnswers(port, 500)) return false;
  return (await canBind('127.0.0.1', port)) && (await canBind('::ffff:127.0.0.1', port));
}

/** A port the OS considers free right now (bind to port 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

async function pickPort(preferred: number, avoid: number[]): Promise<number> {
  if (!avoid.includes(preferred) && (await canListen(preferred))) return preferred;
  for (;;) {
    const port = await freePort();
    if (!avoid.includes(port)) return port;
  }
}

function portTakenMessage(port: number, what: string, holder = 'something else'): string {
  return (
    `Kafka ${what} port 127.0.0.1:${port} is already in use by ${holder}; ` +
    `pick another port (or leave it out and a free one is chosen) or stop what holds it`
  );
}

async function requireFree(port: number, what: string): Promise<void> {
  if (!(await canListen(port))) throw new Error(portTakenMessage(port, what));
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Processes: the pid file, leftovers from runs that died, and the exit hooks

interface PidFile {
  pid: number;
  ownerPid: number;
  port: number;
  controllerPort: number;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout.trim() : '';
  }
}

function readPidFile(dataDir: string): PidFile | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8')) as PidFile;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

async function waitForDeath(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/** Kills a broker left running on this data dir by an earlier run that ended without stop(). */
async function killLeftover(dataDir: string): Promise<void> {
  const previous = readPidFile(dataDir);
  if (!previous) return;
  const propsPath = path.join(dataDir, PROPS_FILE);
  if (isAlive(previous.pid) && commandLine(previous.pid).includes(propsPath)) {
    const owner = previous.ownerPid;
    if (owner !== process.pid && isAlive(owner) && /node|tsx|jest/.test(commandLine(owner))) {
      throw new Error(
        `the Kafka broker in ${dataDir} (pid ${previous.pid}) belongs to process ${owner}, which is still running; ` +
          `stop that run or use another name/dataDir`,
      );
    }
    say(`kafka: stopping broker pid ${previous.pid} left running by an earlier run (${dataDir})`);
    process.kill(previous.pid, 'SIGTERM');
    if (!(await waitForDeath(previous.pid, STOP_GRACE_MS))) {
      process.kill(previous.pid, 'SIGKILL');
      await waitForDeath(previous.pid, 5000);
    }
  }
  fs.rmSync(path.join(dataDir, PID_FILE), { force: true });
}

/** Children that must die with this process: pid -> pid file. */
const liveChildren = new Map<number, string>();
/** Data dirs with a broker running in this process. */
const runningDirs = new Set<string>();
let hooksInstalled = false;

/** Like isAlive, but a zombie (our own child that died and was not reaped, as in an 'exit' handler) counts as dead. */
function isRunning(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    const ps = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 && !ps.stdout.trim().startsWith('Z');
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Synchronously takes down every broker stop() was never called for: SIGTERM, up to 5 s for Kafka's own clean
 * shutdown (a broker that was SIGKILLed keeps its old registration, and the next start waits ~10 s for the
 * controller to fence it), then SIGKILL.
 */
function terminateChildrenSync(): void {
  const pids = [...liveChildren.keys()];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 5000;
  while (pids.some(isRunning) && Date.now() < deadline) sleepSync(50);
  for (const [pid, pidFile] of liveChildren) {
    try {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    fs.rmSync(pidFile, { force: true });
  }
  liveChildren.clear();
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous; the broker must not outlive this process.
  process.on('exit', terminateChildrenSync);
  // A signal ends Node without 'exit' when nobody else listens for it. Then take the brokers down and re-raise it;
  // when the application has its own handler, that handler owns shutdown (and calls stop() or process.exit()).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      terminateChildrenSync();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The broker

/** A KRaft cluster id: 16 random bytes, base64url without padding (22 characters), as Kafka's Uuid prints them. */
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(dataDir: string, port: number, controllerPort: number): string {
  const logDirs = path.join(dataDir, LOG_DIRS);
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': logDirs,
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'auto.create.topics.enable': false,
    'delete.topic.enable': true,
    // One node: every internal topic must have replication factor 1, or groups and transactions never get going.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 5,
    'group.initial.rebalance.delay.ms': 0,
    // Small machine, shared CPU: few threads, a small log-cleaner buffer (the default takes 128 MB of heap).
    'num.network.threads': 2,
    'num.io.threads': 4,
    'background.threads': 4,
    'num.recovery.threads.per.data.dir': 1,
    'log.cleaner.threads': 1,
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024,
  };
  const lines = Object.entries(props).map(([key, value]) => `${key}=${String(value)}`);
  return `# Written by deploy/infra/kafka.ts on every start; edit that file, not this one.\n${lines.join('\n')}\n`;
}

function jvmArgs(libs: string, heap: string[]): string[] {
  return [
    ...heap,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=${pathToFileUrl(LOG4J)}`,
    '-cp',
    path.join(libs, '*'),
  ];
}

function pathToFileUrl(file: string): string {
  return `file:${file.split(path.sep).join('/')}`;
}

/** The cluster id a formatted data dir holds (`cluster.id` in its meta.properties), if formatted. */
export function formattedClusterId(dataDir: string): string | undefined {
  try {
    const meta = fs.readFileSync(path.join(dataDir, LOG_DIRS, 'meta.properties'), 'utf8');
    return /^cluster\.id=(.+)$/m.exec(meta)?.[1]?.trim();
  } catch {
    return undefined;
  }
}

async function formatStorage(libs: string, dataDir: string, propsPath: string, logFile: string): Promise<string> {
  const clusterId = randomClusterId();
  const args = [
    ...jvmArgs(libs, ['-Xmx256m', '-XX:TieredStopAtLevel=1']),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    propsPath,
    '--ignore-formatted',
  ];
  const result = await runCommand(javaBinary(), args, dataDir);
  fs.appendFileSync(logFile, `--- kafka-storage format -t ${clusterId}\n${result.output}\n`);
  if (result.code !== 0) {
    throw new Error(`formatting Kafka storage in ${dataDir} failed (exit ${String(result.code)}):\n${result.output}`);
  }
  return clusterId;
}

/** Another broker than the one started answers on its address: the port was taken under it. */
export class ForeignBrokerError extends Error {}

/**
 * Resolves once a kafkajs admin client gets an answer to describeCluster from `brokers` (a broker and a controller),
 * polling every 500 ms. With `clusterId`, the answer must come from that cluster: another cluster answering means
 * another broker holds the address (ForeignBrokerError, at once). `failed` may report that the broker is gone (stop
 * waiting); `logTail` adds context to errors.
 */
export async function waitForKafka(
  brokers: string,
  opts: { timeoutMs?: number; clusterId?: string; failed?: () => string | undefined; logTail?: () => string } = {},
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const context = (): string => (opts.logTail ? ` Log tail:\n${opts.logTail()}` : '');
  const kafka = new Kafka({
    clientId: 'settle-infra-readiness',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    const failure = opts.failed?.();
    if (failure) throw new Error(`Kafka broker ${failure} while starting.${context()}`);
    const admin = kafka.admin();
    let foreign: string | undefined;
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (opts.clusterId !== undefined && cluster.clusterId !== opts.clusterId) foreign = cluster.clusterId;
      else if (cluster.brokers.length > 0 && cluster.controller !== null) return;
      else lastError = 'cluster has no broker or controller yet';
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (foreign !== undefined) {
      throw new ForeignBrokerError(
        `another Kafka (cluster ${foreign}) answers on ${brokers}, not the one started (cluster ${opts.clusterId})`,
      );
    }
    await sleep(500);
  }
  throw new Error(
    `Kafka broker on ${brokers} did not answer describeCluster within ${Math.round(timeoutMs / 1000)} s ` +
      `(last error: ${lastError}).${context()}`,
  );
}

/**
 * Starts (or restarts, keeping its data) a single-node KRaft broker and resolves once it answers describeCluster.
 * The same name/dataDir after stop() brings the same cluster back: storage is formatted only when meta.properties
 * is missing.
 */
export async function startKafka(opts: StartKafkaOptions = {}): Promise<KafkaNode> {
  const name = opts.name ?? 'default';
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`invalid Kafka node name '${name}'`);
  const dataDir = path.resolve(opts.dataDir ?? path.join(CACHE_DIR, `data-${name}`));
  if (runningDirs.has(dataDir)) {
    throw new Error(`a Kafka broker for ${dataDir} is already running in this process; stop() it first`);
  }
  runningDirs.add(dataDir);
  try {
    return await launch(dataDir, opts);
  } catch (err) {
    runningDirs.delete(dataDir);
    throw err;
  }
}

/** How many times a start picks new ports after losing the chosen ones to another process. */
const PORT_ATTEMPTS = 5;

/** The port went to someone else between the probe and the broker's bind. */
class PortLostError extends Error {}

async function launch(dataDir: string, opts: StartKafkaOptions): Promise<KafkaNode> {
  fs.mkdirSync(dataDir, { recursive: true });
  await killLeftover(dataDir);
  const libs = await ensureKafkaJars();
  const lost: number[] = [];
  for (let attempt = 1; ; attempt += 1) {
    let port: number;
    if (opts.port === undefined) {
      const avoid = [...lost, ...(opts.controllerPort === undefined ? [] : [opts.controllerPort])];
      port = await pickPort(opts.preferredPort ?? 9092, avoid);
    } else {
      port = opts.port;
      await requireFree(port, 'client');
    }
    let controllerPort: number;
    if (opts.controllerPort === undefined) {
      controllerPort = await pickPort(opts.preferredControllerPort ?? 9093, [...lost, port]);
    } else {
      controllerPort = opts.controllerPort;
      await requireFree(controllerPort, 'controller');
    }
    if (port === controllerPort) throw new Error(`Kafka client and controller ports must differ (both ${port})`);
    try {
      return await launchOnce(libs, dataDir, opts, port, controllerPort);
    } catch (err) {
      const chosen = opts.port === undefined || opts.controllerPort === undefined;
      if (!(err instanceof PortLostError) || !chosen || attempt >= PORT_ATTEMPTS) {
        throw err instanceof PortLostError ? new Error(err.message) : err;
      }
      say(`kafka: ${err.message}; trying other ports`);
      lost.push(port, controllerPort);
      runningDirs.add(dataDir); // stop() of the lost attempt released it
    }
  }
}

/** A bind failure in the broker's log: it lost its port to another process. */
function bindFailure(logFile: string): boolean {
  return /BindException|Address already in use/.test(tail(logFile, 200));
}

async function launchOnce(
  libs: string,
  dataDir: string,
  opts: StartKafkaOptions,
  port: number,
  controllerPort: number,
): Promise<KafkaNode> {
  const propsPath = path.join(dataDir, PROPS_FILE);
  const logFile = path.join(dataDir, LOG_FILE);
  const pidFile = path.join(dataDir, PID_FILE);
  fs.writeFileSync(propsPath, serverProperties(dataDir, port, controllerPort));
  if (fs.existsSync(logFile)) fs.renameSync(logFile, path.join(dataDir, 'broker.previous.log'));
  fs.writeFileSync(logFile, '');

  const clusterId = formattedClusterId(dataDir) ?? (await formatStorage(libs, dataDir, propsPath, logFile));

  installExitHooks();
  const out = fs.openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(javaBinary(), [...jvmArgs(libs, ['-Xmx512m', '-Xms256m']), 'kafka.Kafka', propsPath], {
      cwd: dataDir,
      stdio: ['ignore', out, out],
    });
  } finally {
    fs.closeSync(out);
  }
  let exitDescription: string | undefined;
  let spawnError: Error | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitDescription = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      resolve();
    });
    child.once('error', (err) => {
      spawnError = err;
      exitDescription ??= `could not be started (${err.message})`;
      resolve();
    });
  });
  // Let a spawn failure (no java) surface before anything else.
  await new Promise((resolve) => setImmediate(resolve));
  const pid = child.pid;
  if (pid === undefined || spawnError) {
    throw new Error(
      `could not start Java for Kafka (${spawnError?.message ?? 'no pid'}); Java 17+ must be on PATH or in JAVA_HOME`,
    );
  }
  liveChildren.set(pid, pidFile);
  const pidInfo: PidFile = { pid, ownerPid: process.pid, port, controllerPort, startedAt: new Date().toISOString() };
  fs.writeFileSync(pidFile, `${JSON.stringify(pidInfo)}\n`);
  const forget = (): void => {
    liveChildren.delete(pid);
    if (readPidFile(dataDir)?.pid === pid) fs.rmSync(pidFile, { force: true });
  };
  // However it ends (stop(), a crash, a signal), the pid must not be signalled again: the OS may reuse it.
  void exitedPromise.then(forget);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exitDescription === undefined) {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const graceful = await Promise.race([
          exitedPromise.then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), STOP_GRACE_MS))),
        ]);
        clearTimeout(timer);
        if (!graceful) {
          child.kill('SIGKILL');
          await exitedPromise;
        }
      }
      forget();
      runningDirs.delete(dataDir);
    })();
    return stopping;
  };

  const brokers = `127.0.0.1:${port}`;
  const lostPorts = `Kafka ports 127.0.0.1:${port}/${controllerPort} were taken by another process before the broker bound them`;
  try {
    await waitForKafka(brokers, {
      timeoutMs: opts.readyTimeoutMs,
      clusterId,
      failed: () => (exitDescription === undefined ? undefined : `(pid ${pid}) ${exitDescription}`),
      logTail: () => `(${logFile})\n${tail(logFile)}`,
    });
    // The answer came from this cluster; the process that was started must be the one serving it.
    if (exitDescription !== undefined) throw new Error(`Kafka broker (pid ${pid}) ${exitDescription} after starting`);
  } catch (err) {
    await stop();
    if (err instanceof ForeignBrokerError || bindFailure(logFile)) {
      throw new PortLostError(
        err instanceof ForeignBrokerError
          ? `${portTakenMessage(port, 'client', 'another Kafka')} (${err.message})`
          : lostPorts,
      );
    }
    throw err;
  }
  return { brokers, port, controllerPort, pid, clusterId, dataDir, stop };
}
