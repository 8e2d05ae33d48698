/**
 * `npm start`'s supervisor: a service that dies is started again after a doubling back-off (reset once a child
 * ran long enough), each exit a log line; stop() ends the child and every pending restart. The children are tiny
 * Node scripts.
 */
import { eventually } from '@settle/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { supervise, type Supervised } from './process';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A child that counts its runs in a file and, on run N, lives `lives[N]` ms (0: exits with code 3 at once). */
function counting(lives: number[]): { args: string[]; runs: () => number } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'settle-supervise-')), 'runs');
  const script = `
    const fs = require('node:fs');
    const run = (fs.existsSync(${JSON.stringify(file)}) ? Number(fs.readFileSync(${JSON.stringify(file)}, 'utf8')) : 0) + 1;
    fs.writeFileSync(${JSON.stringify(file)}, String(run));
    const lives = ${JSON.stringify(lives)};
    const life = run <= lives.length ? lives[run - 1] : 60000;
    if (life === 0) process.exit(3);
    setTimeout(() => process.exit(3), life);`;
  return {
    args: ['-e', script],
    runs: () => (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0),
  };
}

describe('supervise', () => {
  let supervised: Supervised | undefined;

  afterEach(async () => {
    await supervised?.stop();
  });

  it('restarts a child that dies, doubling the back-off up to its ceiling, with a line for each exit', async () => {
    const lines: string[] = [];
    const child = counting([0, 0, 0, 0]);
    supervised = supervise({
      name: 'tiny',
      command: process.execPath,
      args: child.args,
      backoff: { initialMs: 100, maxMs: 300, stableMs: 60_000 },
      log: (line) => lines.push(line),
    });
    await eventually(() => child.runs() === 5 && supervised?.child !== undefined, { what: 'the fifth run' });
    expect(supervised.restarts).toBe(4);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^settle: tiny exited with code 3 after \d+\.\d s; restarting it in 0\.1 s \(restart 1\)$/,
    );
    expect(lines.map((line) => /restarting it in ([\d.]+) s/.exec(line)?.[1])).toEqual(['0.1', '0.2', '0.3', '0.3']);
  });

  it('starts the back-off over after a child ran long enough', async () => {
    const lines: string[] = [];
    // A child that "dies at once" still costs a Node start-up (over a second on a loaded machine): stableMs is well
    // above that, and run 3 lives well beyond it.
    const child = counting([0, 0, 6_000, 0]);
    supervised = supervise({
      name: 'tiny',
      command: process.execPath,
      args: child.args,
      backoff: { initialMs: 100, maxMs: 10_000, stableMs: 3_000 },
      log: (line) => lines.push(line),
    });
    await eventually(() => child.runs() === 5, { what: 'the fifth run' });
    // Runs 1 and 2 die at once (0.1 s, 0.2 s); run 3 lives 6 s, longer than stableMs: 0.1 s again, then 0.2 s.
    expect(lines.map((line) => /restarting it in ([\d.]+) s/.exec(line)?.[1])).toEqual(['0.1', '0.2', '0.1', '0.2']);
  });

  it('stops the child and every pending restart, leaving no process', async () => {
    const lines: string[] = [];
    const child = counting([0]);
    supervised = supervise({
      name: 'tiny',
      command: process.execPath,
      args: child.args,
      backoff: { initialMs: 100 },
      log: (line) => lines.push(line),
    });
    const running = await eventually(() => (child.runs() === 2 ? supervised?.child : undefined), {
      what: 'the restarted child',
    });
    const pid = running.pid!;
    expect(isAlive(pid)).toBe(true);
    await supervised.stop();
    await supervised.stop(); // idempotent
    expect(isAlive(pid)).toBe(false);
    expect(supervised.child).toBeUndefined();
    expect(lines).toHaveLength(1); // the stop is not a crash: no restart line, no restart
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(child.runs()).toBe(2);
  });
});
