import { Injectable } from '@nestjs/common';

/**
 * The one place dispute-intake reads the wall clock. Every rule takes explicit instants; an integration test
 * that needs a fixed day (a weekend, a public holiday) replaces `now` on the app's instance.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
