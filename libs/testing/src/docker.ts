/**
 * Testcontainers where a Docker engine exists. Without one (as on the project's CI machine) the
 * runtime lookup rejects within milliseconds and callers fall back to local services.
 */
export async function dockerAvailable(timeoutMs = 1000): Promise<boolean> {
  if (process.env.TDKT_NO_DOCKER === '1') return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('docker timeout')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

export interface ContainerHandle {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function startContainer(
  image: string,
  port: number,
  opts: { env?: Record<string, string>; command?: string[]; waitLog?: RegExp; waitTimes?: number },
): Promise<ContainerHandle> {
  const { GenericContainer, Wait } = await import('testcontainers');
  let c = new GenericContainer(image).withExposedPorts(port);
  if (opts.env) c = c.withEnvironment(opts.env);
  if (opts.command) c = c.withCommand(opts.command);
  if (opts.waitLog) c = c.withWaitStrategy(Wait.forLogMessage(opts.waitLog, opts.waitTimes ?? 1));
  const started = await c.start();
  return {
    host: started.getHost(),
    port: started.getMappedPort(port),
    stop: async () => {
      await started.stop();
    },
  };
}
