// Loaded into every service only when profiling (PROFILE_SERVICES): SIGTERM ends the process normally, so
// V8 writes its --cpu-prof file (a process ended by a signal writes none).
process.on('SIGTERM', () => process.exit(0));
