/**
 * Events are facts published to JetStream through each service's transactional outbox.
 *
 * An event subject is `<service>.<entity>.<past-tense verb>` and must never equal an RPC subject:
 * a stream listens on its exact event subjects only, so requests are never captured by a stream.
 * Subjects and stream names are a public API: renaming needs a migration plan.
 */
export interface EventDef<P> {
  readonly subject: string;
  /** Name of the stream (without the deployment prefix) that stores this event. */
  readonly stream: string;
  readonly _payload?: P;
}

export function eventDef<P>(stream: string, subject: string): EventDef<P> {
  return { subject, stream };
}

export type EventPayload<D> = D extends EventDef<infer P> ? P : never;

/** The body of every event message. `id` is also the JetStream message id (dedupe on publish). */
export interface EventEnvelope<P> {
  id: string;
  subject: string;
  occurredAt: string;
  data: P;
}

export interface StreamDef {
  name: string;
  subjects: string[];
}
