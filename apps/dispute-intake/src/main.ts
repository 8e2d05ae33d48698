import 'reflect-metadata';
import { bootstrapService } from '@settle/platform';
import { AppModule } from './app.module';
import { DisputeIntakeService } from './service';

bootstrapService(AppModule, DisputeIntakeService).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
