import 'reflect-metadata';
import { bootstrapHonours } from './bootstrap';

bootstrapHonours().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
