import 'reflect-metadata';
import { bootstrapRegistry } from './bootstrap';

bootstrapRegistry().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
