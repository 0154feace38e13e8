import 'reflect-metadata';
import { bootstrapIntake } from './bootstrap';

bootstrapIntake().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
