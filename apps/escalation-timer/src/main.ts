import 'reflect-metadata';
import { bootstrapService } from '@settle/platform';
import { AppModule } from './app.module';
import { EscalationTimerService } from './service';

bootstrapService(AppModule, EscalationTimerService).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
