/**
 * Test fixtures of libs/platform that run as processes of their own (left out of the build).
 * `cluster`: a service stand-in run by `runClusterPrimary` with WEB_CONCURRENCY workers, each an HTTP server on
 * FIXTURE_PORT answering its pid and counting it in `fixture_requests_total` (`/metrics`: the service's metrics;
 * `/crash` ends the worker with 1); FIXTURE_FAIL=code makes a worker exit with that
 * code before it listens. A worker that is told to shut down logs `stopped <pid>` and exits 0.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { Counter } from 'prom-client';
import { followClusterPrimary, isClusterPrimary, runClusterPrimary, serviceMetrics, webConcurrency } from './cluster';

const served = new Counter({ name: 'fixture_requests_total', help: 'Requests answered with a pid' });

async function main(): Promise<void> {
  const workers = webConcurrency();
  if (isClusterPrimary(workers)) {
    process.exit(await runClusterPrimary('fixture', workers, (message) => console.log(message)));
  }
  followClusterPrimary();
  if (process.env.FIXTURE_FAIL) process.exit(Number(process.env.FIXTURE_FAIL));
  const server = createServer((request, response) => {
    if (request.url === '/crash') process.exit(1);
    if (request.url === '/metrics') {
      serviceMetrics().then(
        (text) => response.end(text),
        (error: Error) => response.writeHead(500).end(error.message),
      );
      return;
    }
    served.inc();
    response.end(String(process.pid));
  });
  process.once('SIGTERM', () => {
    server.close(() => {
      console.log(`stopped ${process.pid}`);
      process.exit(0);
    });
    server.closeAllConnections();
  });
  server.listen(Number(process.env.FIXTURE_PORT), '127.0.0.1');
  console.log(`worker ${process.pid} (${cluster.isWorker ? 'cluster worker' : 'single process'})`);
}

if (process.argv[2] === 'cluster') void main();
