import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { CommandStatus, DisputesRepository, type SentCommand } from './disputes.repository';

/**
 * Waits for the owner's answer to a command. The answer is a row the dispute-events consumer writes (whichever
 * replica consumed it), so the wait polls Postgres; a consumer in this process also wakes it at once.
 */
@Injectable()
export class CommandOutcomes {
  private readonly answered = new EventEmitter().setMaxListeners(0);

  constructor(private readonly disputes: DisputesRepository) {}

  notify(commandId: string): void {
    this.answered.emit(commandId);
  }

  async wait(commandId: string, timeoutMs: number, pollMs = 100): Promise<SentCommand | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const command = await this.disputes.findCommand(commandId);
      if (command && command.status !== CommandStatus.PENDING) return command;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return command;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.answered.off(commandId, done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(pollMs, remaining));
        this.answered.once(commandId, done);
      });
    }
  }
}
