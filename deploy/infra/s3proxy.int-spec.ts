import { HeadBucketCommand, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { portAnswers } from './kafka';
import { s3ClientFor, startS3Proxy } from './s3proxy';

/** The local object store `npm start`/`npm test` run when no EVIDENCE_S3_ENDPOINT is given. */
describe('deploy/infra: S3Proxy', () => {
  it('starts on a free port with its bucket, keeps an object, and leaves nothing running once stopped', async () => {
    const node = await startS3Proxy({ name: 'jest-infra', bucket: 'settle-infra-check' });
    const port = Number(new URL(node.endpoint).port);
    const client = s3ClientFor(node);
    try {
      expect(node.env).toMatchObject({ EVIDENCE_S3_ENDPOINT: node.endpoint, EVIDENCE_S3_BUCKET: 'settle-infra-check' });
      await client.send(new HeadBucketCommand({ Bucket: node.bucket }));
      await client.send(new PutObjectCommand({ Bucket: node.bucket, Key: 'probe/one', Body: 'kept' }));
      const object = await client.send(new GetObjectCommand({ Bucket: node.bucket, Key: 'probe/one' }));
      expect(await object.Body?.transformToString()).toBe('kept');
      // A request signed with other credentials is refused: the store is not open to anyone on the machine.
      const stranger = s3ClientFor({ ...node, secretAccessKey: 'not-the-secret' });
      await expect(stranger.send(new HeadBucketCommand({ Bucket: node.bucket }))).rejects.toThrow();
      stranger.destroy();
    } finally {
      client.destroy();
      await node.stop();
    }
    expect(await portAnswers(port)).toBe(false);
    expect(() => process.kill(node.pid, 0)).toThrow();
  }, 120_000);
});
