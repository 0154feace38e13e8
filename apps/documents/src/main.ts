import 'reflect-metadata';
import { bootstrapDocuments } from './bootstrap';

bootstrapDocuments().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
