import 'reflect-metadata';
import { bootstrapGateway } from './bootstrap';

bootstrapGateway().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
