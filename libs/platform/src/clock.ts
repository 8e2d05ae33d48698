import { Injectable } from '@nestjs/common';

/**
 * The one place a service reads the wall clock. Domain rules take explicit instants; services ask this for `now`.
 * Every service gets it from PlatformModule; a test that needs a fixed day replaces `now` on the app's instance
 * (`app.get(Clock).now = () => instant`) or provides a subclass.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
