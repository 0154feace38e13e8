/** The submission rules moved to `./intake` (the intake service's policy); kept for older importers. */
export * from './intake';
