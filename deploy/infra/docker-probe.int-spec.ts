import { execFileSync } from 'node:child_process';
import { dockerAvailable } from './index';

/**
 * docs/ARCHITECTURE.md, Known traps: Testcontainers has no skip-without-Docker switch in Node, so the probe
 * imports it lazily and must answer quickly either way. This machine kind has a docker client but no engine.
 */
describe('container runtime probe', () => {
  it('answers (within the test timeout) whether a container engine runs, as the docker client does', async () => {
    const engineAnswers = (() => {
      try {
        execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
        return true;
      } catch {
        return false;
      }
    })();
    await expect(dockerAvailable()).resolves.toBe(engineAnswers);
  }, 15_000);
});
