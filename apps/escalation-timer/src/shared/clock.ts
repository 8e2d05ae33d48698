import { Injectable } from '@nestjs/common';

/** The one place escalation-timer reads the wall clock; every rule takes explicit instants. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
