import 'reflect-metadata';
import { bootstrapNotifications } from './bootstrap';

bootstrapNotifications().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
