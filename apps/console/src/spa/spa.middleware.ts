import { Injectable, type NestMiddleware } from '@nestjs/common';
import { NotFound } from '@settle/platform';
import type { NextFunction, Request, Response } from 'express';
import { ConsoleConfig } from '../console.config';
import { sendProblem } from '../shared/problem';
import { indexStamp, loadWebFiles, type WebFile } from './web-files';

/** Paths the Nest app answers itself: the API, health, metrics. */
const SERVER_PATHS = /^\/(api|health|metrics)(\/|$)/;
const RELOAD_CHECK_MS = 1_000;

/**
 * The single-page app: its files, and index.html for any other path that is not the server's (the app's own routes:
 * `/queue`, `/cases/...`), so a reload or a shared link opens the right screen. A missing asset is a 404, not the
 * index.
 */
@Injectable()
export class SpaMiddleware implements NestMiddleware {
  private readonly directory: string;
  private web: ReturnType<typeof loadWebFiles>;
  private stamp: number;
  private checkedAt = 0;

  constructor(config: ConsoleConfig) {
    this.directory = config.CONSOLE_WEB_DIR;
    this.stamp = indexStamp(this.directory);
    this.web = loadWebFiles(this.directory);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    // The whole path: Express gives a middleware its path relative to where it is mounted.
    const [path = '/'] = request.originalUrl.split(/[?#]/);
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(path)) return next();
    this.reloadIfRebuilt();
    const file = this.web.files.get(path);
    if (file) return this.send(request, response, file);
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (path.startsWith('/assets/') || last.includes('.')) {
      return sendProblem(request, response, new NotFound('File', path));
    }
    this.send(request, response, this.web.index);
  }

  private reloadIfRebuilt(): void {
    const now = Date.now();
    if (now - this.checkedAt < RELOAD_CHECK_MS) return;
    this.checkedAt = now;
    const stamp = indexStamp(this.directory);
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.web = loadWebFiles(this.directory);
    }
  }

  private send(request: Request, response: Response, file: WebFile): void {
    response.setHeader('Cache-Control', file.cacheControl);
    response.setHeader('ETag', file.etag);
    response.setHeader('Content-Type', file.type);
    if (file.gzip) response.setHeader('Vary', 'Accept-Encoding');
    if (request.headers['if-none-match'] === file.etag) {
      response.status(304).end();
      return;
    }
    const gzip = file.gzip && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const body = gzip ? file.gzip! : file.body;
    if (gzip) response.setHeader('Content-Encoding', 'gzip');
    response.setHeader('Content-Length', String(body.length));
    response.status(200).end(request.method === 'HEAD' ? undefined : body);
  }
}
