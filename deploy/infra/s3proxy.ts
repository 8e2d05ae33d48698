/**
 * A real S3-compatible object store for evidence files on machines without one (docs/ARCHITECTURE.md, "Object store"):
 * S3Proxy (org.gaul:s3proxy, its self-contained `jar-with-dependencies`) with its filesystem backend. The jar comes
 * from the central Maven repository through deploy/s3proxy/pom.xml into the git-ignored `.cache/s3proxy/`; the server
 * runs on the machine's Java with its objects in `.cache/s3proxy/data-<name>`, on a free port, is verified with a
 * signed S3 request (the bucket is created and read back), and never outlives the process that started it.
 */
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { javaBinary, mavenCopy, once, pinnedVersion, REPO_ROOT, resolvedMarker, say, sleep, tail } from './java-tools';
import { freePort } from './kafka';

export interface S3ProxyNode {
  /** "http://127.0.0.1:PORT", for EVIDENCE_S3_ENDPOINT. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  pid: number;
  dataDir: string;
  /** The variables a service (or jest) reads to reach this store. */
  env: Record<string, string>;
  /** SIGTERM, wait (up to 10 s), then SIGKILL. Idempotent. */
  stop(): Promise<void>;
}

export interface StartS3ProxyOptions {
  /** Default 'default': the data folder is `.cache/s3proxy/data-<name>`. */
  name?: string;
  /** Default 'settle-evidence'. */
  bucket?: string;
  /** Default a free port. */
  port?: number;
  /** How long to wait for the server to answer; default 60 s. */
  readyTimeoutMs?: number;
}

const POM = path.join(REPO_ROOT, 'deploy', 's3proxy', 'pom.xml');
const CACHE_DIR = path.join(REPO_ROOT, '.cache', 's3proxy');
const JAR = path.join(CACHE_DIR, 's3proxy.jar');
const STOP_GRACE_MS = 10_000;
/** Local credentials only: this server listens on 127.0.0.1 and holds test and development data. */
const LOCAL_IDENTITY = 'settle-local';
const LOCAL_CREDENTIAL = 'settle-local-secret';
const REGION = 'us-east-1';

/** The S3Proxy version pinned in deploy/s3proxy/pom.xml. */
export function pinnedS3ProxyVersion(): string {
  return pinnedVersion(POM, 's3proxy.version');
}

/** Copies the S3Proxy jar into `.cache/s3proxy/` with Maven unless it is there for the current pom. */
export const ensureS3ProxyJar = once(resolveJar);

async function resolveJar(): Promise<string> {
  const marker = path.join(CACHE_DIR, resolvedMarker(POM));
  if (fs.existsSync(marker) && fs.existsSync(JAR)) return JAR;
  say(`s3proxy: resolving S3Proxy ${pinnedS3ProxyVersion()} with Maven into .cache/s3proxy (first run only)…`);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const staging = fs.mkdtempSync(path.join(CACHE_DIR, 'staging-'));
  try {
    await mavenCopy('S3Proxy', POM, 'dependency:copy', staging);
    const fetched = path.join(staging, 's3proxy.jar');
    if (!fs.existsSync(fetched)) throw new Error(`Maven finished but ${staging} holds no s3proxy.jar`);
    // A rename is atomic: a concurrent start sees either the old jar or the new one, never half of one.
    fs.renameSync(fetched, JAR);
    fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
    return JAR;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

const liveChildren = new Set<ChildProcess>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // S3Proxy has no state worth a graceful stop (each object is a file written whole): SIGKILL on the way out.
  process.on('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      for (const child of liveChildren) child.kill('SIGKILL');
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** An S3 client for a store (path-style addressing, as S3Proxy and most S3-compatible servers need). */
export function s3ClientFor(node: Pick<S3ProxyNode, 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey'>) {
  return new S3Client({
    endpoint: node.endpoint,
    region: node.region,
    forcePathStyle: true,
    credentials: { accessKeyId: node.accessKeyId, secretAccessKey: node.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Starts S3Proxy, waits until a signed request succeeds, and creates the bucket. */
export async function startS3Proxy(opts: StartS3ProxyOptions = {}): Promise<S3ProxyNode> {
  const jar = await ensureS3ProxyJar();
  const name = opts.name ?? 'default';
  const bucket = opts.bucket ?? 'settle-evidence';
  const dataDir = path.join(CACHE_DIR, `data-${name}`);
  const objectsDir = path.join(dataDir, 'objects');
  fs.mkdirSync(objectsDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const endpoint = `http://127.0.0.1:${port}`;
  const propsPath = path.join(dataDir, 's3proxy.conf');
  fs.writeFileSync(
    propsPath,
    [
      '# Written by deploy/infra/s3proxy.ts on every start; edit that file, not this one.',
      `s3proxy.endpoint=${endpoint}`,
      's3proxy.authorization=aws-v2-or-v4',
      `s3proxy.identity=${LOCAL_IDENTITY}`,
      `s3proxy.credential=${LOCAL_CREDENTIAL}`,
      'jclouds.provider=filesystem',
      `jclouds.filesystem.basedir=${objectsDir}`,
      '',
    ].join('\n'),
  );
  const logFile = path.join(dataDir, 's3proxy.log');
  installExitHooks();
  const out = fs.openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(javaBinary(), ['-Xmx256m', '-jar', jar, '--properties', propsPath], {
      cwd: dataDir,
      stdio: ['ignore', out, out],
    });
  } finally {
    fs.closeSync(out);
  }
  let exited: string | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      liveChildren.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      exited ??= `could not be started (${err.message}); Java 17+ must be on PATH or in JAVA_HOME`;
      liveChildren.delete(child);
      resolve();
    });
  });
  liveChildren.add(child);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (exited !== undefined) return;
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
    })());

  const node = {
    endpoint,
    bucket,
    region: REGION,
    accessKeyId: LOCAL_IDENTITY,
    secretAccessKey: LOCAL_CREDENTIAL,
  };
  const client = s3ClientFor(node);
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`S3Proxy (pid ${String(child.pid)}) ${exited}:\n${tail(logFile)}`);
      try {
        await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((err: { name?: string }) => {
          if (err.name !== 'BucketAlreadyOwnedByYou' && err.name !== 'BucketAlreadyExists') throw err;
        });
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
        break;
      } catch (err) {
        if (Date.now() > deadline) {
          throw new Error(`S3Proxy on ${endpoint} did not answer in time (${String(err)}):\n${tail(logFile)}`);
        }
        await sleep(250);
      }
    }
  } catch (err) {
    client.destroy();
    await stop();
    throw err;
  }
  client.destroy();
  return {
    ...node,
    pid: child.pid ?? 0,
    dataDir,
    env: evidenceEnv(node),
    stop,
  };
}

/** The service configuration (EVIDENCE_S3_*) that points at a store. */
export function evidenceEnv(node: {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}): Record<string, string> {
  return {
    EVIDENCE_S3_ENDPOINT: node.endpoint,
    EVIDENCE_S3_BUCKET: node.bucket,
    EVIDENCE_S3_REGION: node.region,
    EVIDENCE_S3_ACCESS_KEY_ID: node.accessKeyId,
    EVIDENCE_S3_SECRET_ACCESS_KEY: node.secretAccessKey,
  };
}
