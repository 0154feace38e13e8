import 'reflect-metadata';
import { bootstrapScoring } from './bootstrap';

bootstrapScoring().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
