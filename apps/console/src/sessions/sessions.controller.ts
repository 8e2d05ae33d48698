import { Body, Controller, Delete, Get, HttpCode, HttpException, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Clock, Public, Unauthenticated } from '@settle/platform';
import type { Request, Response } from 'express';
import { SignInRequest } from './dto/sign-in.request';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session-cookie';
import { SessionsService, type SessionView } from './sessions.service';
import { SignInLimiter } from './sign-in-limiter';

/** The console's language for a request: Simplified Chinese when the browser prefers Chinese, English otherwise. */
export function localeOf(request: Request): 'en' | 'zh-CN' {
  const first = (request.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * Sign in by pasting an API key once, ask who is signed in, sign out. Public: the session cookie, not a bearer key,
 * is the credential here; CSRF (header and Origin) is checked before any of these runs.
 */
@ApiTags('session')
@Public()
@Controller('api/session')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly limiter: SignInLimiter,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with an API key: sets the settle_session cookie (HttpOnly, SameSite=Strict)' })
  @ApiResponse({ status: 401, description: 'The key is unknown or revoked' })
  @ApiResponse({ status: 403, description: 'A platform key: machine keys cannot sign in' })
  @ApiResponse({ status: 429, description: 'Too many failed sign-ins from this address' })
  async signIn(
    @Body() body: SignInRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView & { locale: string }> {
    const address = request.ip ?? 'unknown';
    const wait = this.limiter.waitFor(address, this.clock.now().getTime());
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      response.setHeader('Retry-After', String(seconds));
      throw new HttpException(`Too many failed sign-ins from this address; try again in ${seconds} s.`, 429);
    }
    try {
      const { token, session } = await this.sessions.signIn(body.apiKey, sessionTokenOf(request.headers));
      response.setHeader('Set-Cookie', sessionCookie(token, request.secure));
      response.setHeader('Cache-Control', 'no-store');
      return { ...session, locale: localeOf(request) };
    } catch (error) {
      if (error instanceof Unauthenticated) this.limiter.recordFailure(address, this.clock.now().getTime());
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'Who is signed in (401 when no session)' })
  @ApiResponse({ status: 401, description: 'No session, or it ended' })
  async whoAmI(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView & { locale: string }> {
    const session = await this.sessions.resolve(sessionTokenOf(request.headers));
    if (!session) throw new Unauthenticated('Sign in first: there is no console session, or it has ended.');
    response.setHeader('Cache-Control', 'no-store');
    const { apiKey: _apiKey, ...visible } = session;
    return { ...visible, locale: localeOf(request) };
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session ends at once' })
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.signOut(sessionTokenOf(request.headers));
    response.setHeader('Set-Cookie', clearedSessionCookie(request.secure));
  }
}
