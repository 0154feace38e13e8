import 'reflect-metadata';
import { bootstrapAwards } from './bootstrap';

bootstrapAwards().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
