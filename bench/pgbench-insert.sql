-- Used by bench/registry.bench.ts: one autocommitted single-row insert per transaction.
INSERT INTO bench_raw (code, name) VALUES ('pgb-' || gen_random_uuid()::text, 'Đơn vị thử nghiệm pgbench');
