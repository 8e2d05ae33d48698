/**
 * `npm run verify-export -- FILE`: checks a dispute export offline. FILE is either the bundle
 * (GET /v1/disputes/{id}/export: every event's hash, the chain of previous hashes, the versions and the head hash) or
 * the archive with the evidence files (GET /v1/disputes/{id}/export/archive, a tar of `bundle.json` and
 * `evidence/<evidenceId>.<ext>`): the bundle as above, and every file against the SHA-256 its `evidence.added` link
 * records (each file is hashed as it is read, never held whole). Exit code 0 when it verifies, 1 when it does not
 * (each problem printed, naming the file), 2 on a usage error.
 */
import { verifyDisputeExport, verifyEvidenceFiles, type DisputeExportBundle } from '@settle/contracts';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { extract } from 'tar-stream';

/** A tar archive has "ustar" at offset 257 of its first header. */
function isTar(file: string): boolean {
  const head = Buffer.alloc(262);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 262, 0);
  } finally {
    closeSync(fd);
  }
  return head.subarray(257, 262).toString('latin1') === 'ustar';
}

/** The archive's bundle text and the SHA-256 of every other file, read as a stream. */
async function readArchive(file: string): Promise<{ bundle?: string; digests: Map<string, string> }> {
  const digests = new Map<string, string>();
  let bundle: string | undefined;
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('finish', resolve);
    reader.on('error', reject);
  });
  reader.on('entry', (header, stream, next) => {
    if (header.type !== 'file') {
      stream.resume();
      stream.on('end', next);
      return;
    }
    if (header.name === 'bundle.json') {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        bundle = Buffer.concat(chunks).toString('utf8');
        next();
      });
      return;
    }
    const hash = createHash('sha256');
    stream.on('data', (chunk: unknown) => hash.update(chunk as Buffer));
    stream.on('end', () => {
      digests.set(header.name, hash.digest('hex'));
      next();
    });
  });
  createReadStream(file).pipe(reader);
  await done;
  return { bundle, digests };
}

async function main(argv: string[]): Promise<number> {
  const file = argv.find((arg) => arg !== '--');
  if (!file) {
    console.error('usage: npm run verify-export -- <bundle.json | archive.tar>');
    return 2;
  }
  let text: string | undefined;
  let digests: Map<string, string> | undefined;
  try {
    if (isTar(file)) {
      ({ bundle: text, digests } = await readArchive(file));
      if (text === undefined) {
        console.error(`NOT VERIFIED: ${file}\n  - the archive holds no bundle.json`);
        return 1;
      }
    } else {
      text = readFileSync(file, 'utf8');
    }
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const result = verifyDisputeExport(text);
  const errors = result.ok ? [] : [...result.errors];
  let files = 0;
  if (result.ok && digests) {
    const checked = verifyEvidenceFiles(JSON.parse(text) as DisputeExportBundle, digests);
    files = checked.files;
    errors.push(...checked.errors);
  }
  if (result.ok && errors.length === 0) {
    const withFiles = digests ? `, ${files} evidence file(s) matching their hashes` : '';
    console.log(`OK: dispute ${result.disputeId}, ${result.events} events${withFiles}, head hash ${result.headHash}`);
    return 0;
  }
  console.error(`NOT VERIFIED: ${file}`);
  for (const error of errors) console.error(`  - ${error}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
