import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { CommandsService } from './commands.service';

/** settle.disputes.commands.v1: commands from negotiation and escalation-timer to the dispute's owner. */
@Controller()
export class CommandsConsumer {
  constructor(private readonly commands: CommandsService) {}

  @EventPattern(Topics.DISPUTE_COMMANDS)
  async onCommand(@Payload() message: ConsumedMessage): Promise<void> {
    await this.commands.handle(message.envelope);
  }
}
